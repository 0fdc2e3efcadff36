# Renders the cloud-config every cloud server boots with: the bootstrap only (host key, user,
# login key, sshd port, apt proxy), enough for Provision to log in. The servers ignore later
# changes of user_data; Provision (role common) owns all of these from then on. yamlencode keeps
# the multi-line private host key and any odd character in values valid YAML.

locals {
  host_key_private = file(var.host_key_private_path)

  sshd_dropin = <<-EOT
    # Written by cloud-init at the first boot; role common rewrites it (with Port and HostKey).
    # First match wins, so this file sorts early.
    Port ${var.ssh_port}
    HostKey /etc/ssh/ssh_host_ed25519_key
    PermitRootLogin no
    PasswordAuthentication no
    KbdInteractiveAuthentication no
    AllowUsers ${var.ssh_user}
  EOT

  # Ubuntu 24.04 starts sshd through ssh.socket, whose listen port a systemd generator derives
  # from sshd_config at daemon-reload: reload, then restart the socket (if used) and the service.
  restart_sshd = <<-EOT
    set -eu
    sshd -t
    systemctl daemon-reload
    if systemctl is-enabled --quiet ssh.socket 2>/dev/null; then systemctl restart ssh.socket; fi
    systemctl restart ssh.service
  EOT

  cloud_config = merge(
    {
      # Remove the image's host keys. With ssh_keys present cloud-init generates no key at all
      # (cc_ssh reads ssh_genkeytypes only when ssh_keys is absent); the list cannot be empty
      # because cloud-init's schema requires one item and a schema warning marks the boot degraded.
      ssh_deletekeys  = true
      ssh_genkeytypes = ["ed25519"]
      ssh_keys = {
        ed25519_private = local.host_key_private
        ed25519_public  = trimspace(var.host_key_public)
      }
      disable_root = true
      ssh_pwauth   = false
      # Only this user: listing users without "default" leaves out the image's ubuntu user.
      users = [
        {
          name                = var.ssh_user
          gecos               = "Roughneck workspace user"
          shell               = "/bin/bash"
          sudo                = "ALL=(ALL) NOPASSWD:ALL"
          groups              = ["sudo"]
          lock_passwd         = true
          ssh_authorized_keys = [trimspace(var.ssh_public_key)]
        },
      ]
      packages = ["python3"]
      write_files = [
        {
          path        = "/etc/ssh/sshd_config.d/10-roughneck.conf"
          owner       = "root:root"
          permissions = "0644"
          content     = local.sshd_dropin
        },
      ]
      runcmd = [
        ["bash", "-c", local.restart_sshd],
      ]
    },
    var.http_proxy == "" ? {} : {
      apt = {
        http_proxy  = var.http_proxy
        https_proxy = var.http_proxy
      }
    },
  )

  user_data = "#cloud-config\n${yamlencode(local.cloud_config)}"
}
