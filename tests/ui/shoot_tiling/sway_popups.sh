#!/bin/bash
# run as nz after up.sh: editor + notifyzen server + notifications; evidence in $O
. /tmp/nzs/run/env
O=/tmp/nzs/out; rm -rf $O; mkdir -p $O; rm -rf $XDG_DATA_HOME/notifyzen
PY=/opt/nzpy/bin/python3
tree() { swaymsg -t get_tree | $PY -c '
import json,sys
def walk(n, ws=None):
    if n.get("type")=="workspace": ws=n["name"]
    if n.get("pid"): print("ws", ws, n.get("app_id") or n.get("window_properties",{}).get("class"), "rect", n["rect"], "focused", n["focused"], "visible", n.get("visible"))
    for k in n["nodes"]+n["floating_nodes"]: walk(k, ws)
walk(json.load(sys.stdin))'; }
xwins() { xwininfo -root -children | grep -i notifyzen | while read id rest; do g=$(xwininfo -id $id | grep -E "Absolute|Width|Height|Map State" | awk -F: '{gsub(/ /,"",$2); printf "%s ", $2}'); t=$(xprop -id $id _NET_WM_WINDOW_TYPE | cut -d= -f2); o=$(xwininfo -id $id -wm 2>/dev/null | grep -c override); echo "$id x,y,w,h,state: $g type:$t"; done; }
QT_QPA_PLATFORM=wayland $PY $(dirname $0)/editor.py $O/keys.txt > $O/editor.log 2>&1 & echo $! > $O/editor.pid
sleep 2
(cd /tmp && exec $PY -m notifyzen run --mode server > $O/nz.out 2> $O/nz.err) & echo $! > $O/nz.pid
for i in $(seq 100); do grep -q running $O/nz.out && break; sleep 0.2; done
cat $O/nz.out
gdbus call --session -d io.github.notifyzen.Notifyzen -o /io/github/notifyzen/Notifyzen -m io.github.notifyzen.Notifyzen1.Pause 0 >/dev/null  # let everything through: Monday afternoon is deep work
echo "== before"; tree
wtype xabc; sleep 0.3
notify-send -a Signal "Anke" "Are you coming to lunch?"
notify-send -a Thunderbird -i mail-unread "3 new messages" "From: Bram <bram@example.org>"
notify-send -a Slack "#deploys" "v2.4.1 is out"
notify-send -u critical -a Battery "Battery 5%" "Plug in now"
notify-send -a Firefox "Download complete" "report.pdf"
sleep 1.0
wtype xdef; sleep 0.5
echo "== after 5 notify-send"; tree
echo "== keys the editor got: $(cat $O/keys.txt)"
echo "== notifyzen X windows (Xwayland)"; xwins
grim $O/sway-five.png
sleep 6.5
echo "== 6.5 s later"; xwins
swaymsg workspace 2 >/dev/null; sleep 0.5
echo "== on workspace 2"; tree; xwins
grim $O/sway-critical-ws2.png
swaymsg workspace 1 >/dev/null; sleep 0.3
for i in $(seq 1 20); do notify-send -a Build "Job $i of 20 finished" "pipeline #$((4400+i))"; done
sleep 0.8
wtype xghi; sleep 0.3
echo "== burst of 20"; xwins; tree
echo "== keys the editor got: $(cat $O/keys.txt)"
grim $O/sway-burst.png
# the tray: swaybar sends ContextMenu(x, y) on a right click
ITEM=$(gdbus call --session -d org.kde.StatusNotifierWatcher -o /StatusNotifierWatcher -m org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierWatcher RegisteredStatusNotifierItems)
echo "== tray items: $ITEM"
SVC=$(echo "$ITEM" | grep -o "':[0-9.]*/StatusNotifierItem'\|'[^']*'" | head -1 | tr -d "'")
BUS=${SVC%%/*}; P=/${SVC#*/}; [ "$P" = "/$SVC" ] && P=/StatusNotifierItem
gdbus call --session -d $BUS -o $P -m org.kde.StatusNotifierItem.ContextMenu 1270 10
sleep 1
sleep 6.5; echo "== burst 6.5 s later"; xwins
echo "== after ContextMenu"; xwininfo -root -children | grep -v "has no name" | head -20; tree

grim $O/sway-tray-menu.png; kill $(cat $O/nz.pid) $(cat $O/editor.pid); wait
