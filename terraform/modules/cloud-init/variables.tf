variable "ssh_user" {
  type        = string
  description = "Workspace user that cloud-init creates, with passwordless sudo, /bin/bash and the login key."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_-]{0,31}$", var.ssh_user)) && !contains(["root", "ubuntu"], var.ssh_user)
    error_message = "ssh_user must match ^[a-z_][a-z0-9_-]{0,31}$ and must not be root or ubuntu."
  }
}

variable "ssh_port" {
  type        = number
  description = "Port sshd listens on (set through a drop-in in /etc/ssh/sshd_config.d)."
  nullable    = false

  validation {
    condition     = var.ssh_port == floor(var.ssh_port) && var.ssh_port >= 1 && var.ssh_port <= 65535 && !contains([80, 443], var.ssh_port)
    error_message = "ssh_port must be a whole number from 1 to 65535, and not 80 or 443 (kept for TLS)."
  }
}

variable "ssh_public_key" {
  type        = string
  description = "OpenSSH public login key of the workspace user."
  nullable    = false

  validation {
    condition     = can(regex("^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/]+={0,3}( .*)?$", trimspace(var.ssh_public_key)))
    error_message = "ssh_public_key must be one OpenSSH public key line (ssh-ed25519 AAAA... comment)."
  }
}

variable "host_key_private_path" {
  type        = string
  description = "Absolute path of the generated ed25519 host private key; read with file() at plan time and injected through cloud-init ssh_keys."
  nullable    = false

  validation {
    condition     = can(regex("^(/|[A-Za-z]:[\\\\/])", var.host_key_private_path))
    error_message = "host_key_private_path must be an absolute path."
  }
}

variable "host_key_public" {
  type        = string
  description = "The host public key (OpenSSH format, ssh-ed25519 only) matching host_key_private_path."
  nullable    = false

  validation {
    condition     = can(regex("^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}( [^\\n]*)?$", trimspace(var.host_key_public)))
    error_message = "host_key_public must be one ed25519 OpenSSH public key line: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... [comment]."
  }
}

variable "http_proxy" {
  type        = string
  description = "HTTP(S) proxy for apt on first boot (\"\" = none)."
  default     = ""
  nullable    = false

  validation {
    condition     = var.http_proxy == "" || can(regex("^https?://[^\\s]+$", var.http_proxy))
    error_message = "http_proxy must be empty or an http:// or https:// URL."
  }
}
