// Package deploytest runs FleetMan as it is deployed: Debian's nginx with the
// shipped deploy/nginx/fleetman.conf (TLS, HTTP/2) in front of two instances
// sharing one store and a real redis-server. Its tests start everything on
// loopback ports and stop it at the end.
package deploytest
