#!/bin/sh
# Seeds for fuzz_mgmt (git-ignored tests/fuzz/corpus-mgmt/): the request
# bodies mgmtd takes (login, each action), a heartbeat status answer, and
# static paths.
cd "$(dirname "$0")/../.." || exit 1
d=tests/fuzz/corpus-mgmt
mkdir -p "$d" || exit 1
i=0
while IFS= read -r line; do
	i=$((i + 1))
	printf '%s' "$line" > "$d/seed-$i"
done <<'SEEDS'
{"user":"alice","password":"s3cr\u00e9t"}
{"action":"node_standby","node":"n1"}
{"action":"node_online","node":"n2"}
{"action":"resource_start","resource":"grp_web"}
{"action":"resource_move","resource":"grp_web","node":"n2"}
{"action":"resource_cleanup","resource":"rsc:0"}
{"action":"maintenance","on":false}
{"action":"takeover","what":"foreign"}
{"node":"n1","status":"active","nodes":[{"name":"n1","links":[{"ifname":"eth0","max_gap_ms":12}]}],"dropped":{"bad_auth":0},"x":[1.5e3,-0,true,null,"\ud83d\ude00"]}
index.html
../../etc/passwd
SEEDS
