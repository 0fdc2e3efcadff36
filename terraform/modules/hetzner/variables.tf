# Inputs are validated by the root module (terraform/providers/hetzner); here they are typed.

variable "name" {
  type        = string
  description = "Deployment name: prefix of every resource name, label deployment=<name>."
}

variable "location" {
  type        = string
  description = "Hetzner location (fsn1, nbg1, hel1, ash, hil, sin)."
}

variable "server_type" {
  type        = string
  description = "Hetzner server type (cx23, cpx22, cax11, ccx13, ...)."
}

variable "image" {
  type        = string
  description = "Image name (ubuntu-24.04) or numeric image id; the name is resolved for the server type's architecture."
}

variable "ssh_public_key" {
  type        = string
  description = "OpenSSH login public key, registered as an hcloud_ssh_key."
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
  description = "Labels for every resource; sanitized to Hetzner's label rules."
}

variable "user_data" {
  type        = string
  description = "cloud-config from the cloud-init module; read at the first boot only (later changes are ignored)."
  sensitive   = true
}
