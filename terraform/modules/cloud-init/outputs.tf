output "user_data" {
  description = "Rendered cloud-config (contains the private host key)."
  value       = local.user_data
  sensitive   = true
}

output "host_key_fingerprint" {
  description = "SHA256:... fingerprint of host_key_public, as ssh-keygen -l prints it."
  value       = module.host_key_fingerprint.fingerprint
}
