#!/bin/bash
# i3 4.22 on Xvfb, private bus, notifyzen as the server; evidence in $O
R=/tmp/nzi/run; O=/tmp/nzi/out; rm -rf $R $O; mkdir -p $R/xdg $R/home $R/cfg $R/data $O; chmod 700 $R/xdg
export HOME=$R/home XDG_RUNTIME_DIR=$R/xdg XDG_CONFIG_HOME=$R/cfg XDG_DATA_HOME=$R/data
cat > $R/bus.conf <<C
<busconfig><type>session</type><listen>unix:path=$R/xdg/bus</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>
C
cat > $R/i3.conf <<C
# i3 config file (v4)
font pango:DejaVu Sans 10
bar {
  position top
  status_command i3status
}
C
dbus-daemon --config-file=$R/bus.conf --fork --print-address=1 --print-pid=1 > $R/bus.out
export DBUS_SESSION_BUS_ADDRESS=$(head -1 $R/bus.out)
Xvfb :57 -screen 0 1280x800x24 -nolisten tcp > $R/xvfb.log 2>&1 & XVFB=$!
export DISPLAY=:57; sleep 1
i3 -c $R/i3.conf > $R/i3.log 2>&1 & I3=$!
sleep 1.5
export I3SOCK=$(i3 --get-socketpath)
echo "I3SOCK=$I3SOCK"
python3 $(dirname $0)/editor.py $O/keys.txt > $O/editor.log 2>&1 & ED=$!
sleep 1.5
active() { xprop -root _NET_ACTIVE_WINDOW | awk '{print $NF}'; }
EDW=$(active); echo "editor window $EDW: $(xprop -id $EDW WM_CLASS)"
(cd /tmp && exec python3 -m notifyzen run --mode server) > $O/nz.out 2> $O/nz.err & NZ=$!
for i in $(seq 100); do grep -q running $O/nz.out && break; sleep 0.2; done; cat $O/nz.out
gdbus call --session -d io.github.notifyzen.Notifyzen -o /io/github/notifyzen/Notifyzen -m io.github.notifyzen.Notifyzen1.Pause 0 >/dev/null
xwins() { for id in $(xwininfo -root -children | grep '"notifyzen"' | awk '{print $1}'); do s=$(xwininfo -id $id | grep "Map State" | awk '{print $3}'); [ "$s" = IsViewable ] || continue; g=$(xwininfo -id $id | grep -E "Absolute|Width|Height" | awk -F: '{gsub(/ /,"",$2); printf "%s ", $2}'); t=$(xprop -id $id _NET_WM_WINDOW_TYPE | cut -d= -f2); ov=$(xwininfo -id $id -all 2>/dev/null | grep -i "override redirect" | awk -F: '{print $2}'); echo "$id x,y,w,h: $g type:$t override-redirect:$ov"; done; }
xdotool type --window $EDW abc
notify-send -a Signal "Anke" "Are you coming to lunch?"
notify-send -a Thunderbird -i mail-unread "3 new messages" "From: Bram <bram@example.org>"
notify-send -a Slack "#deploys" "v2.4.1 is out"
notify-send -u critical -a Battery "Battery 5%" "Plug in now"
notify-send -a Firefox "Download complete" "report.pdf"
sleep 1
xdotool type def; sleep 0.3
echo "== after 5: _NET_ACTIVE_WINDOW $(active) (editor $EDW); keys: $(cat $O/keys.txt)"
echo "== workspace: $(i3-msg -t get_workspaces)"
xwins
import -window root $O/i3-five.png
sleep 6.5; echo "== 6.5 s later"; xwins
i3-msg workspace 2 >/dev/null; sleep 0.5
echo "== on workspace 2: active $(active)"; xwins
import -window root $O/i3-critical-ws2.png
i3-msg workspace 1 >/dev/null; sleep 0.3
echo "== back: active $(active)"
# the tray icon sits at the right end of i3bar: a right click opens Qt's menu (XEmbed tray)
xdotool mousemove 1268 11 click 3; sleep 1
echo "== after a right click on the tray icon"; xwins | grep -i POPUP_MENU
import -window root $O/i3-tray-menu.png
xdotool key Escape
kill $NZ $ED; wait $NZ $ED; kill $I3; sleep 0.5; kill $XVFB; kill $(sed -n 2p $R/bus.out)
