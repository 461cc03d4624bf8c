#!/bin/bash
# bring up a private bus + headless sway as user nz; writes env to $R/env
set -e
R=/tmp/nzs/run
rm -rf $R; mkdir -p $R/xdg $R/home $R/cfg $R/data $R/cache; chmod 700 $R/xdg
cat > $R/bus.conf <<C
<busconfig><type>session</type><listen>unix:path=$R/xdg/bus</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>
C
cat > $R/sway.conf <<C
output HEADLESS-1 resolution 1280x800 bg #334455 solid_color
xwayland enable
bar {
  position top
  status_command while date +%H:%M:%S; do sleep 5; done
  tray_output *
}
C
export HOME=$R/home XDG_RUNTIME_DIR=$R/xdg XDG_CONFIG_HOME=$R/cfg XDG_DATA_HOME=$R/data XDG_CACHE_HOME=$R/cache
dbus-daemon --config-file=$R/bus.conf --fork --print-address=1 --print-pid=1 > $R/bus.out
export DBUS_SESSION_BUS_ADDRESS=$(head -1 $R/bus.out)
WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman sway -c $R/sway.conf > $R/sway.log 2>&1 &
echo $! > $R/sway.pid
for i in $(seq 50); do ls $R/xdg/sway-ipc.* >/dev/null 2>&1 && break; sleep 0.1; done
sleep 1
SOCK=$(ls $R/xdg/sway-ipc.*)
cat > $R/env <<C
export HOME=$R/home XDG_RUNTIME_DIR=$R/xdg XDG_CONFIG_HOME=$R/cfg XDG_DATA_HOME=$R/data XDG_CACHE_HOME=$R/cache
export DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY=wayland-1 SWAYSOCK=$SOCK XDG_CURRENT_DESKTOP=sway XDG_SESSION_TYPE=wayland
export PYTHONPATH=/opt/nzpy/lib/python3.11/site-packages:/work/main PATH=/usr/local/bin:/usr/bin:/bin
C
. $R/env
swaymsg exec 'echo $DISPLAY > '$R/display
sleep 0.5
echo "export DISPLAY=$(cat $R/display)" >> $R/env
cat $R/env
