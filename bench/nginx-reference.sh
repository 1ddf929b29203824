# Sourced by bench/run-all.sh and bench/idle-polls.sh: the reference the idle poll is measured
# against, nginx (2 workers, access log off) serving the same bytes as a static file.
#   start_nginx_reference WORK BODY_FILE
# Sets NGINX_PORT, NGINX_PID and NGINX_ETAG (nginx's own ETag for the file) and adds the pid to
# the caller's PIDS (stopped by its cleanup). Needs the caller's free_port.
start_nginx_reference() {
    local work=$1 body=$2
    mkdir -p "$work/nginx/www" "$work/nginx/tmp"
    cp "$body" "$work/nginx/www/poll.json"
    NGINX_PORT=$(free_port)
    cat >"$work/nginx/nginx.conf" <<CONF
user root;
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp;
    proxy_temp_path $work/nginx/tmp;
    fastcgi_temp_path $work/nginx/tmp;
    uwsgi_temp_path $work/nginx/tmp;
    scgi_temp_path $work/nginx/tmp;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $work/nginx/www;
    }
}
CONF
    nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/poll.json" >/dev/null && break; sleep 0.1; done
    NGINX_ETAG=$(curl -sI "http://127.0.0.1:$NGINX_PORT/poll.json" | sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p')
}
