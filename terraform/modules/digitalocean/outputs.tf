output "server_id" {
  description = "Droplet id."
  value       = tostring(digitalocean_droplet.this.id)
}

output "ipv4_address" {
  description = "Public IPv4 address."
  value       = digitalocean_droplet.this.ipv4_address
}

output "ipv6_address" {
  description = "Public IPv6 address."
  value       = digitalocean_droplet.this.ipv6_address
}

output "tags" {
  description = "Tags as applied (sanitized)."
  value       = local.tags
}
