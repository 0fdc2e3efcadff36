# Variables common to every provider (docs/CONTRACTS.md).

variable "deployment_name" {
  description = "Deployment name: the machine's hostname and the prefix of every name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,31}$", var.deployment_name))
    error_message = "deployment_name must match ^[a-z][a-z0-9-]{0,31}$."
  }
}

variable "region" {
  description = "Always \"local\": the machine runs on this host."
  type        = string
  default     = "local"

  validation {
    condition     = var.region == "local"
    error_message = "The local provider has a single region: \"local\"."
  }
}

variable "size" {
  description = "Informational only: the machine shares this host's CPUs and memory. Echoed in the outputs."
  type        = string
  default     = "standard"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,64}$", var.size))
    error_message = "size must be 1-64 letters, digits, '.', '_' or '-'."
  }
}

variable "image" {
  description = "Base image. The local provider builds Debian 13 (trixie) only: \"debian-13\" or \"trixie\"."
  type        = string
  default     = "debian-13"

  validation {
    condition     = contains(["debian-13", "trixie"], var.image)
    error_message = "The local provider builds Debian 13 only: image must be \"debian-13\" or \"trixie\"."
  }
}

variable "ssh_user" {
  description = "Workspace user created in the machine, with passwordless sudo and the login key."
  type        = string

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_-]{0,31}$", var.ssh_user)) && var.ssh_user != "root"
    error_message = "ssh_user must be a Linux user name (^[a-z_][a-z0-9_-]{0,31}$) other than root."
  }
}

variable "ssh_port" {
  description = "Port sshd listens on inside the machine (its own network namespace: 22 clashes with nothing)."
  type        = number
  default     = 22

  validation {
    condition     = var.ssh_port >= 1 && var.ssh_port <= 65535 && floor(var.ssh_port) == var.ssh_port
    error_message = "ssh_port must be an integer from 1 to 65535."
  }
}

variable "ssh_public_key" {
  description = "OpenSSH public login key of the workspace user (ssh-ed25519 AAAA... comment)."
  type        = string

  validation {
    condition     = can(regex("^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,2}( [^\\n]*)?$", var.ssh_public_key))
    error_message = "ssh_public_key must be one OpenSSH public key line, e.g. \"ssh-ed25519 AAAA... comment\"."
  }
}

variable "host_key_private_path" {
  description = "Absolute path of the generated ed25519 host private key; sandbox-up.sh copies it into the rootfs (0600) when it creates the machine, and nothing reads it later (it may be absent then). Never its content."
  type        = string

  validation {
    condition     = can(regex("^/", var.host_key_private_path))
    error_message = "host_key_private_path must be an absolute path."
  }
}

variable "host_key_public" {
  description = "The host public key matching host_key_private_path, OpenSSH format (ssh-ed25519 AAAA... [comment])."
  type        = string

  validation {
    condition     = can(regex("^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}( [^\\n]*)?$", var.host_key_public))
    error_message = "host_key_public must be an ssh-ed25519 public key line: \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... [comment]\"."
  }
}

variable "host_key_fingerprint" {
  description = "SHA256:... fingerprint of host_key_public as ssh-keygen -l prints it, computed by Roughneck (C#) and echoed as an output."
  type        = string

  validation {
    condition     = can(regex("^SHA256:[A-Za-z0-9+/]{43}$", var.host_key_fingerprint))
    error_message = "host_key_fingerprint must be SHA256: followed by 43 base64 characters (ssh-keygen -l -E sha256)."
  }
}

variable "ssh_port_previous" {
  description = "The port sshd listened on before an ssh_port change (Init sets it; Provision falls back to it). Accepted for parity with the clouds: the sandbox has no firewall to open."
  type        = number
  default     = null

  validation {
    condition     = var.ssh_port_previous == null ? true : (var.ssh_port_previous >= 1 && var.ssh_port_previous <= 65535 && floor(var.ssh_port_previous) == var.ssh_port_previous)
    error_message = "ssh_port_previous must be null or an integer from 1 to 65535."
  }
}

variable "labels" {
  description = "Spec tags plus managed-by and deployment. Accepted for parity with the clouds; the local machine has nothing to label."
  type        = map(string)
  default     = {}
}

# Local adds (docs/CONTRACTS.md).

variable "machine_id" {
  description = "rn-<8 hex>, random when the machine is created and kept in its state (never derived from a folder): machine name, network namespace and host-side veth."
  type        = string

  validation {
    condition     = can(regex("^rn-[0-9a-f]{8}$", var.machine_id))
    error_message = "machine_id must match ^rn-[0-9a-f]{8}$."
  }
}

variable "host_address" {
  description = "First usable address of the deployment's /30: the host side of the veth, where the proxy listens."
  type        = string

  validation {
    condition     = can(regex("^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$", var.host_address))
    error_message = "host_address must be an IPv4 address."
  }
}

variable "guest_address" {
  description = "Second usable address of the deployment's /30: the machine's address, where SSH answers."
  type        = string

  validation {
    condition     = can(regex("^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$", var.guest_address))
    error_message = "guest_address must be an IPv4 address."
  }
}

variable "prefix_length" {
  description = "Prefix length of the deployment's network: 30."
  type        = number
  default     = 30

  validation {
    condition     = var.prefix_length == 30
    error_message = "prefix_length must be 30."
  }
}

variable "rootfs_cache_dir" {
  description = "Absolute path of the rootfs cache shared by all deployments (tarball + unpacked tree per cache key)."
  type        = string
  default     = "/var/cache/roughneck/rootfs"

  validation {
    condition     = can(regex("^/[A-Za-z0-9._/+-]*[A-Za-z0-9._+-]$", var.rootfs_cache_dir))
    error_message = "rootfs_cache_dir must be an absolute path of letters, digits, '.', '_', '-', '+' and '/', other than /."
  }
}

variable "machines_dir" {
  description = "Absolute path under which each machine gets <machine_id>/ (rootfs overlay, upper and work layers)."
  type        = string
  default     = "/var/lib/roughneck/machines"

  validation {
    condition     = can(regex("^/[A-Za-z0-9._/+-]*[A-Za-z0-9._+-]$", var.machines_dir))
    error_message = "machines_dir must be an absolute path of letters, digits, '.', '_', '-', '+' and '/', other than /."
  }
}

variable "runtime_dir" {
  description = "Absolute path under which each machine gets <machine_id>/ (pid files, logs, proxy configuration) and <machine_id>.lock."
  type        = string
  default     = "/run/roughneck"

  validation {
    condition     = can(regex("^/[A-Za-z0-9._/+-]*[A-Za-z0-9._+-]$", var.runtime_dir))
    error_message = "runtime_dir must be an absolute path of letters, digits, '.', '_', '-', '+' and '/', other than /."
  }
}

variable "proxy_allow" {
  description = "IPv4 address:port pairs the sandbox's proxy may reach although they are local to this host (loopback, this host's addresses): the operator's own download mirror (network.mirror_url). Everything else local stays refused."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.proxy_allow : can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}:[0-9]{1,5}$", a))])
    error_message = "proxy_allow entries must look like 127.0.0.1:8080."
  }
}
