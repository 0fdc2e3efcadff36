# Inputs are validated by the root module (terraform/providers/aws); here they are typed.

variable "name" {
  type        = string
  description = "Deployment name: prefix of every resource name, tag deployment=<name>."
}

variable "instance_type" {
  type        = string
  description = "EC2 instance type; t4g.* and m7g.* are arm64, the rest amd64."
}

variable "image" {
  type        = string
  description = "\"ubuntu-24.04\" (the pinned Canonical image for the instance type's architecture), an exact Canonical Ubuntu 24.04 AMI name, or an AMI id owned by Canonical."
}

variable "ssh_public_key" {
  type        = string
  description = "OpenSSH login public key, registered as an aws_key_pair."
}

variable "ssh_port" {
  type        = number
  description = "Port the security group opens to allowed_ssh_cidrs."
}

variable "ssh_port_previous" {
  type        = number
  description = "Port sshd may still listen on after an ssh_port change, until Provision moves it; the security group opens it too. null when there is no change under way."
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
  description = "Tags for every resource (sanitized to EC2's tag rules)."
}

variable "user_data" {
  type        = string
  description = "cloud-config from the cloud-init module; read at the first boot only (later changes are ignored)."
  sensitive   = true
}

variable "root_volume_size" {
  type        = number
  description = "Root volume size in GiB (gp3, encrypted)."
  default     = 40
}

variable "region" {
  type        = string
  description = "AWS region the provider is configured for (named in error messages)."
}

variable "availability_zone" {
  type        = string
  description = "Availability zone to place the instance in; \"\" = the first zone, by name, whose default subnet sells instance_type."
  default     = ""
}
