output "server_id" {
  description = "Hetzner server id."
  value       = tostring(hcloud_server.this.id)
}

output "ipv4_address" {
  description = "Public IPv4 address."
  value       = hcloud_server.this.ipv4_address
}

output "ipv6_address" {
  description = "Public IPv6 address."
  value       = hcloud_server.this.ipv6_address
}

output "labels" {
  description = "Labels as applied (sanitized)."
  value       = local.labels
}
