locals {
  # Hetzner label keys and values: at most 63 characters of [A-Za-z0-9._-], starting and ending
  # alphanumeric (values may be empty). Anything else becomes "-"; keys that end up empty are
  # dropped; when two keys collapse to the same one, the first (in key order) wins.
  sanitized = {
    for k, v in var.labels :
    trim(substr(trim(replace(k, "/[^A-Za-z0-9._-]+/", "-"), "-._"), 0, 63), "-._") =>
    trim(substr(trim(replace(v, "/[^A-Za-z0-9._-]+/", "-"), "-._"), 0, 63), "-._")...
  }
  labels = merge(
    { for k, v in local.sanitized : k => v[0] if k != "" },
    { "managed-by" = "roughneck", "deployment" = var.name },
  )

  # Canonical network address per CIDR (the API refuses host bits), deduplicated.
  ssh_cidrs = distinct([
    for c in var.allowed_ssh_cidrs : "${cidrhost(c, 0)}/${split("/", c)[1]}"
  ])
  world     = ["0.0.0.0/0", "::/0"]
  tls_ports = concat(var.acme_http ? ["80"] : [], var.tls_enabled ? ["443"] : [])

  # During an ssh_port change sshd still listens on the previous port until Provision moves it.
  ssh_ports = distinct(concat([var.ssh_port], var.ssh_port_previous == null ? [] : [var.ssh_port_previous]))
}

resource "hcloud_ssh_key" "this" {
  name       = "${var.name}-key"
  public_key = trimspace(var.ssh_public_key)
  labels     = local.labels
}

# Inbound: only the rules below. Outbound: a Hetzner firewall with no "out" rule lets all
# outbound traffic through, which is what the workspace needs (apt, npm, git).
resource "hcloud_firewall" "this" {
  name   = "${var.name}-firewall"
  labels = local.labels

  dynamic "rule" {
    for_each = local.ssh_ports
    content {
      description = "ssh ${rule.value} from allowed_ssh_cidrs"
      direction   = "in"
      protocol    = "tcp"
      port        = tostring(rule.value)
      source_ips  = local.ssh_cidrs
    }
  }

  dynamic "rule" {
    for_each = local.tls_ports
    content {
      description = "tls: tcp ${rule.value} from anywhere"
      direction   = "in"
      protocol    = "tcp"
      port        = rule.value
      source_ips  = local.world
    }
  }
}

resource "hcloud_server" "this" {
  name        = "${var.name}-server"
  server_type = var.server_type
  image       = var.image
  location    = var.location
  ssh_keys    = [hcloud_ssh_key.this.id]
  user_data   = var.user_data
  labels      = local.labels
  backups     = false

  # Attached at creation, so the server is never reachable without it.
  firewall_ids = [hcloud_firewall.this.id]

  public_net {
    ipv4_enabled = true
    ipv6_enabled = true
  }

  lifecycle {
    # cloud-init reads user_data once, at the first boot: later edits (port, proxy, user, keys)
    # are Provision's job, and a changed user_data or key must never replace the server.
    ignore_changes = [user_data, ssh_keys]

    precondition {
      condition     = !(startswith(var.server_type, "cax") && !contains(["fsn1", "nbg1", "hel1"], var.location))
      error_message = "Hetzner sells arm64 (cax*) servers only in fsn1, nbg1 and hel1; choose one of those locations or an x86 type."
    }
  }
}
