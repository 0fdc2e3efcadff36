# Variables Init writes to .roughneck/tfvars.json (docs/CONTRACTS.md). Credentials are not
# variables: the provider reads them from its environment variables.

variable "deployment_name" {
  type        = string
  description = "Deployment name: prefix of every resource name and label deployment=<name>."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,31}$", var.deployment_name))
    error_message = "deployment_name must match ^[a-z][a-z0-9-]{0,31}$ (lower-case letter first, then up to 31 lower-case letters, digits or dashes)."
  }
}

variable "image" {
  type        = string
  description = "Ubuntu 24.04 LTS: the slug \"ubuntu-24-04-x64\" or a numeric image id."
  default     = "ubuntu-24-04-x64"
  nullable    = false

  validation {
    condition     = var.image == "ubuntu-24-04-x64" || can(regex("^[0-9]+$", var.image))
    error_message = "image must be \"ubuntu-24-04-x64\" or a numeric DigitalOcean image id of an Ubuntu 24.04 image."
  }
}

variable "ssh_user" {
  type        = string
  description = "Workspace user that cloud-init creates with passwordless sudo and the login key."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_-]{0,31}$", var.ssh_user)) && !contains(["root", "ubuntu"], var.ssh_user)
    error_message = "ssh_user must match ^[a-z_][a-z0-9_-]{0,31}$ and must not be root or ubuntu."
  }
}

variable "ssh_port" {
  type        = number
  description = "Port sshd listens on; the firewall opens it to allowed_ssh_cidrs only."
  nullable    = false

  validation {
    condition     = var.ssh_port == floor(var.ssh_port) && var.ssh_port >= 1 && var.ssh_port <= 65535 && !contains([80, 443], var.ssh_port)
    error_message = "ssh_port must be a whole number from 1 to 65535, and not 80 or 443 (kept for TLS)."
  }
}

variable "ssh_public_key" {
  type        = string
  description = "OpenSSH public login key of the workspace user (ssh-ed25519 AAAA... comment)."
  nullable    = false

  validation {
    condition     = can(regex("^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/]+={0,3}( .*)?$", trimspace(var.ssh_public_key)))
    error_message = "ssh_public_key must be one OpenSSH public key line (ssh-ed25519 AAAA... comment)."
  }
}

variable "host_key_private_path" {
  type        = string
  description = "Absolute path of the generated ed25519 host private key. Read with file() at plan time and injected through cloud-init; never put the key itself in tfvars."
  nullable    = false

  validation {
    condition     = can(regex("^(/|[A-Za-z]:[\\\\/])", var.host_key_private_path))
    error_message = "host_key_private_path must be an absolute path."
  }
}

variable "host_key_public" {
  type        = string
  description = "The host public key matching host_key_private_path, OpenSSH format, ed25519."
  nullable    = false

  validation {
    condition     = can(regex("^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}( [^\\n]*)?$", trimspace(var.host_key_public)))
    error_message = "host_key_public must be one ed25519 OpenSSH public key line: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... [comment]."
  }
}

variable "host_key_fingerprint" {
  type        = string
  description = "SHA256:... fingerprint of host_key_public as ssh-keygen -l prints it, computed by Roughneck (C#) and echoed as an output; the pinned known_hosts is the check."
  nullable    = false

  validation {
    condition     = can(regex("^SHA256:[A-Za-z0-9+/]{43}$", var.host_key_fingerprint))
    error_message = "host_key_fingerprint must be SHA256: followed by 43 base64 characters (ssh-keygen -l -E sha256)."
  }
}

variable "ssh_port_previous" {
  type        = number
  description = "The port sshd listened on before an ssh_port change, opened as well until Provision has moved sshd to ssh_port (Init sets it from the last applied outputs). null when no change is under way."
  default     = null

  validation {
    condition     = var.ssh_port_previous == null ? true : (var.ssh_port_previous == floor(var.ssh_port_previous) && var.ssh_port_previous >= 1 && var.ssh_port_previous <= 65535 && !contains([80, 443], var.ssh_port_previous))
    error_message = "ssh_port_previous must be null or a whole number from 1 to 65535, and not 80 or 443."
  }
}

variable "labels" {
  type        = map(string)
  description = "Spec tags plus managed-by=roughneck and deployment=<name> (both are enforced anyway). Sanitized to the provider's label/tag rules."
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.labels) : trimspace(k) != ""])
    error_message = "labels must not have an empty key."
  }
}

variable "allowed_ssh_cidrs" {
  type        = list(string)
  description = "CIDRs (IPv4 and/or IPv6) allowed to reach ssh_port. Never empty: to allow everyone, say so with 0.0.0.0/0 and ::/0."
  nullable    = false

  validation {
    condition     = length(var.allowed_ssh_cidrs) > 0
    error_message = "allowed_ssh_cidrs must not be empty: nothing is opened to the world silently. To allow SSH from everywhere on purpose, list \"0.0.0.0/0\" and \"::/0\" explicitly."
  }

  validation {
    condition     = alltrue([for c in var.allowed_ssh_cidrs : can(cidrhost(c, 0))])
    error_message = "Every entry of allowed_ssh_cidrs must be a CIDR with a prefix length, IPv4 (203.0.113.7/32) or IPv6 (2001:db8::/64)."
  }
}

variable "tls_enabled" {
  type        = bool
  description = "Open 443 to 0.0.0.0/0 and ::/0 (for Caddy with TLS)."
  default     = false
  nullable    = false
}

variable "acme_http" {
  type        = bool
  description = "Open 80 to 0.0.0.0/0 and ::/0: only tls.mode acme_http needs it (the HTTP-01 challenge)."
  default     = false
  nullable    = false
}

variable "http_proxy" {
  type        = string
  description = "Proxy the machine uses for egress (apt on first boot; passed on to Ansible through the outputs). \"\" = none."
  default     = ""
  nullable    = false

  validation {
    condition     = var.http_proxy == "" || can(regex("^https?://[^\\s]+$", var.http_proxy))
    error_message = "http_proxy must be empty or an http:// or https:// URL."
  }
}
