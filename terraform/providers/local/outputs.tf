# The same set on every provider (docs/CONTRACTS.md).

output "address" {
  description = "Address SSH connects to: the machine's side of its /30."
  value       = terraform_data.machine.output.guest_address
}

output "port" {
  description = "SSH port (var.ssh_port: after a change, Provision moves sshd there)."
  value       = var.ssh_port
}

output "user" {
  description = "Workspace user."
  value       = terraform_data.machine.output.ssh_user
}

output "host_key_fingerprint" {
  description = "SHA256:... of the injected host key (var.host_key_fingerprint, computed by Roughneck)."
  value       = var.host_key_fingerprint
}

output "server_id" {
  description = "The machine_id: machine name, network namespace and host-side veth."
  value       = terraform_data.machine.output.machine_id
}

output "region" {
  description = "Always \"local\"."
  value       = var.region
}

output "size" {
  description = "Echo of var.size (informational for the local provider)."
  value       = var.size
}

output "http_proxy" {
  description = "The machine's egress proxy: its own tinyproxy on the host side of its veth."
  value       = "http://${terraform_data.machine.output.host_address}:${terraform_data.machine.output.proxy_port}"
}
