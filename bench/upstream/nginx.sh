#!/usr/bin/env bash
# Loopback OpenAI-compatible upstream on nginx (Debian's nginx-light + its echo module for the fixed delay).
# Usage: nginx.sh PORT DELAY_MS WORKDIR     (runs in the foreground; kill it to stop)
# POST /v1/chat/completions answers a fixed chat.completion (with usage) after DELAY_MS, with Content-Length,
# on keep-alive connections that are never closed by the server. One worker process: it needs well under one core.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${1:?port}"; delay_ms="${2:?delay in ms}"; dir="${3:?work dir}"
mkdir -p "$dir/tmp"
module=/usr/lib/nginx/modules/ngx_http_echo_module.so
body="$(tr -d '\n' < "$here/completion.json")"
if [ "$delay_ms" -gt 0 ]; then
  [ -f "$module" ] || { echo "nginx.sh: $module missing (apt-get install -y libnginx-mod-http-echo)" >&2; exit 1; }
  load="load_module $module;"
  # echo_sleep is a timer (non-blocking); echo_exec then hands over to the location that answers with Content-Length
  chat="echo_sleep $(awk "BEGIN{printf \"%.3f\", $delay_ms/1000}"); echo_exec /_reply;"
else
  load=""
  chat="return 200 '$body';"
fi
cat > "$dir/nginx.conf" <<CONF
$load
worker_processes 1;
daemon off;
master_process off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
worker_rlimit_nofile 65535;
events { worker_connections 16384; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 100000000;
  keepalive_timeout 600s;
  client_max_body_size 16m;
  client_body_buffer_size 256k;
  server_tokens off;
  tcp_nodelay on;
  server {
    listen 127.0.0.1:$port backlog=4096;
    default_type application/json;
    location = /v1/chat/completions { $chat }
    location = /chat/completions { $chat }
    location = /_reply { internal; return 200 '$body'; }
    location = /healthz { return 200 '{"status":"ok"}'; }
    location / { return 404 '{"error":{"message":"not found","type":"invalid_request_error"}}'; }
  }
}
CONF
exec nginx -p "$dir" -c "$dir/nginx.conf"
