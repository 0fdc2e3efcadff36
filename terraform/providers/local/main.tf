# The local sandbox: one throwaway systemd machine on this host (systemd-nspawn in its
# own network namespace), created and removed by the scripts in ./scripts. Linux and
# root only; see README.md.

locals {
  # The machine's identity, also what the scripts need at destroy time (a destroy-time
  # provisioner can read only self). A change to any of these replaces the machine, so
  # nothing here depends on where the deployment's folder is or which login key is in use.
  machine = {
    machine_id       = var.machine_id
    deployment_name  = var.deployment_name
    ssh_user         = var.ssh_user
    ssh_port         = var.ssh_port
    host_key_public  = var.host_key_public
    host_address     = var.host_address
    guest_address    = var.guest_address
    prefix_length    = var.prefix_length
    rootfs_cache_dir = var.rootfs_cache_dir
    machines_dir     = var.machines_dir
    runtime_dir      = var.runtime_dir
    proxy_port       = 8888 # tinyproxy on host_address
    proxy_allow      = join(" ", var.proxy_allow)
  }

  # Needed only to create the machine: the first login key (Provision then keeps
  # authorized_keys) and the path of the host private key, which exists only on the
  # clone that created the machine. Not part of the identity: a fresh clone or a
  # rotated login key plans no change.
  creation_only = {
    RN_SSH_PUBLIC_KEY        = var.ssh_public_key
    RN_HOST_KEY_PRIVATE_PATH = var.host_key_private_path
  }
}

resource "terraform_data" "machine" {
  input = local.machine
  # Not ssh_port: the scripts read it only at creation, and Provision (role common) moves sshd
  # to a new one, so a port change is no replacement.
  triggers_replace = { for key, value in local.machine : key => value if key != "ssh_port" }

  lifecycle {
    precondition {
      condition = (
        cidrhost("${var.host_address}/${var.prefix_length}", 1) == var.host_address &&
        cidrhost("${var.host_address}/${var.prefix_length}", 2) == var.guest_address
      )
      error_message = "host_address and guest_address must be the first and second usable addresses of one /30 (e.g. 10.213.0.1 and 10.213.0.2)."
    }
  }

  # RN_MACHINE_ID, RN_SSH_PORT, ...: one variable per input key.
  provisioner "local-exec" {
    interpreter = ["/bin/bash"]
    command     = "${path.module}/scripts/sandbox-up.sh"
    environment = merge({ for key, value in self.input : "RN_${upper(key)}" => tostring(value) }, local.creation_only)
  }

  provisioner "local-exec" {
    when        = destroy
    interpreter = ["/bin/bash"]
    command     = "${path.module}/scripts/sandbox-down.sh"
    environment = { for key, value in self.input : "RN_${upper(key)}" => tostring(value) }
  }
}
