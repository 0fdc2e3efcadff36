# The same set on every provider (docs/CONTRACTS.md). Nothing secret here.

output "address" {
  description = "Public IPv4 address SSH connects to."
  value       = module.server.ipv4_address
}

output "port" {
  description = "SSH port."
  value       = var.ssh_port
}

output "user" {
  description = "Workspace user."
  value       = var.ssh_user
}

output "host_key_fingerprint" {
  description = "SHA256:... fingerprint of the injected host key (from var.host_key_fingerprint, computed by Roughneck)."
  value       = var.host_key_fingerprint
}

output "server_id" {
  description = "Provider id of the machine."
  value       = module.server.server_id
}

output "region" {
  description = "Region the machine runs in."
  value       = var.region
}

output "size" {
  description = "Size (server type) of the machine."
  value       = var.size
}

output "http_proxy" {
  description = "Proxy the machine must use for egress (\"\" when none)."
  value       = var.http_proxy
}
