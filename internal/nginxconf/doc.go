// Package nginxconf is the one wrapper main configuration zonegen puts around the files it
// generates for nginx: proxy and pool files are includes of an http{} or stream{} block,
// which nginx cannot load alone. `generate --validate` runs `nginx -t` on it (Include) and
// the lab runs nginx on it (internal/lab). The Ansible role builds its deploy-time twin in
// shell on the target machine (templates/ansible-role-linux-nginx.yml.tmpl).
package nginxconf
