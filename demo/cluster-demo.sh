#!/bin/sh
# demo/cluster-demo.sh — the README's demo: a live cluster of ours in network namespaces.
#   (default, --v2)  the talk's story on a v2 cluster (crm respawn): a group with a virtual
#                    IP and a monitored Dummy starts, a resource failure is caught by its
#                    monitor and recovered, the holder is killed and the group moves, the
#                    crm_mon -1 view printed as it changes (demo/story-v2.sh)
#   --v1             the haresources story: three nodes, a VIP in haresources, the holder
#                    killed and brought back, each node's cl_status view (demo/story-v1.sh)
# Needs root and a build (./configure && make); everything is torn down by PID at the end.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
case ${1:-} in
""|--v2) exec bash "$here/story-v2.sh" ;;
--v1) exec bash "$here/story-v1.sh" ;;
-h|--help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
*) echo "cluster-demo.sh: unknown argument '$1' (expected --v1, --v2 or nothing)" >&2; exit 2 ;;
esac
