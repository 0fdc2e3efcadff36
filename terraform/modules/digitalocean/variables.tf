# Inputs are validated by the root module (terraform/providers/digitalocean); here they are typed.

variable "name" {
  type        = string
  description = "Deployment name: prefix of every resource name, tag deployment:<name>."
}

variable "region" {
  type        = string
  description = "DigitalOcean region slug (nyc1, fra1, ...)."
}

variable "size" {
  type        = string
  description = "Droplet size slug (s-2vcpu-4gb, g-2vcpu-8gb, c-2, ...)."
}

variable "image" {
  type        = string
  description = "Image slug (ubuntu-24-04-x64) or numeric image id."
}

variable "ssh_public_key" {
  type        = string
  description = "OpenSSH login public key, registered as a digitalocean_ssh_key."
}

variable "ssh_port" {
  type        = number
  description = "Port the firewall opens to allowed_ssh_cidrs."
}

variable "ssh_port_previous" {
  type        = number
  description = "Port sshd may still listen on after an ssh_port change, until Provision moves it; the firewall opens it too. null when there is no change under way."
  default     = null
}

variable "allowed_ssh_cidrs" {
  type        = list(string)
  description = "IPv4 and IPv6 CIDRs allowed to reach ssh_port."
}

variable "tls_enabled" {
  type        = bool
  description = "Open 443 to 0.0.0.0/0 and ::/0."
}

variable "acme_http" {
  type        = bool
  description = "Open 80 to 0.0.0.0/0 and ::/0, for the ACME HTTP-01 challenge (tls.mode acme_http) only."
}

variable "labels" {
  type        = map(string)
  description = "Labels, applied to the droplet as key:value tags (sanitized to DigitalOcean's tag rules)."
}

variable "user_data" {
  type        = string
  description = "cloud-config from the cloud-init module; read at the first boot only (later changes are ignored)."
  sensitive   = true
}
