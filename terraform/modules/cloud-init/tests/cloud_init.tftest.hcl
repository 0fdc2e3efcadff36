# terraform test for the cloud-init module: built-in functions only, no provider needed.
# Run: cd terraform/modules/cloud-init && terraform init -backend=false && terraform test

variables {
  ssh_user              = "dev"
  ssh_port              = 2222
  ssh_public_key        = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ7ugS17jF1FXpFvpV5T3pcbprxRXkJzszQQILBR6smB fixture-login"
  host_key_private_path = abspath("tests/fixtures/host_ed25519_key")
  host_key_public       = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG5LSdpmo+CXihdDh8RTa4hyrIbL7W6Gp00aJ88lzI5g fixture-host-1"
}

run "renders_cloud_config" {
  command = plan

  assert {
    condition     = startswith(output.user_data, "#cloud-config\n")
    error_message = "user_data must start with #cloud-config"
  }
  assert {
    condition     = yamldecode(output.user_data).ssh_deletekeys == true && yamldecode(output.user_data).disable_root == true && yamldecode(output.user_data).ssh_pwauth == false
    error_message = "ssh_deletekeys, disable_root must be true and ssh_pwauth false"
  }
  assert {
    condition     = yamldecode(output.user_data).ssh_keys.ed25519_private == file(abspath("tests/fixtures/host_ed25519_key"))
    error_message = "the private host key must be injected verbatim"
  }
  assert {
    condition     = yamldecode(output.user_data).ssh_keys.ed25519_public == var.host_key_public
    error_message = "the public host key must be injected"
  }
  assert {
    condition     = keys(yamldecode(output.user_data).ssh_keys) == ["ed25519_private", "ed25519_public"]
    error_message = "only the ed25519 host key is injected"
  }
  assert {
    condition     = length(yamldecode(output.user_data).users) == 1 && yamldecode(output.user_data).users[0].name == "dev"
    error_message = "exactly one user (no default ubuntu user)"
  }
  assert {
    condition     = yamldecode(output.user_data).users[0].sudo == "ALL=(ALL) NOPASSWD:ALL" && yamldecode(output.user_data).users[0].shell == "/bin/bash"
    error_message = "workspace user: sudo NOPASSWD and /bin/bash"
  }
  assert {
    condition     = yamldecode(output.user_data).users[0].ssh_authorized_keys == [var.ssh_public_key]
    error_message = "workspace user gets the login key"
  }
  assert {
    condition     = contains(yamldecode(output.user_data).packages, "python3")
    error_message = "python3 must be installed"
  }
  assert {
    condition     = strcontains(yamldecode(output.user_data).write_files[0].content, "\nPort 2222\n") && yamldecode(output.user_data).write_files[0].path == "/etc/ssh/sshd_config.d/10-roughneck.conf"
    error_message = "sshd drop-in sets the port"
  }
  assert {
    condition     = strcontains(yamldecode(output.user_data).runcmd[0][2], "systemctl restart ssh.service")
    error_message = "sshd is restarted after the drop-in is written"
  }
  assert {
    condition     = !contains(keys(yamldecode(output.user_data)), "apt")
    error_message = "no apt proxy without http_proxy"
  }
  assert {
    condition     = strcontains(yamldecode(output.user_data).write_files[0].content, "\nHostKey /etc/ssh/ssh_host_ed25519_key\n")
    error_message = "sshd drop-in names the injected host key"
  }
}

run "apt_proxy" {
  command = plan

  variables {
    http_proxy = "http://10.77.0.1:8888"
  }

  assert {
    condition     = yamldecode(output.user_data).apt == { http_proxy = "http://10.77.0.1:8888", https_proxy = "http://10.77.0.1:8888" }
    error_message = "apt proxy must be set from http_proxy"
  }
}

run "rejects_rsa_host_key" {
  command = plan
  variables {
    host_key_public = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 fixture"
  }
  expect_failures = [var.host_key_public]
}

run "rejects_relative_private_key_path" {
  command = plan
  variables {
    host_key_private_path = "tests/fixtures/host_ed25519_key"
  }
  expect_failures = [var.host_key_private_path]
}

run "rejects_root_user" {
  command = plan
  variables {
    ssh_user = "root"
  }
  expect_failures = [var.ssh_user]
}
