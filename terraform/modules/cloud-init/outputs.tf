output "user_data" {
  description = "Rendered cloud-config (contains the private host key)."
  value       = local.user_data
  sensitive   = true
}
