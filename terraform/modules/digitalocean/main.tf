locals {
  # DigitalOcean tags: at most 255 characters of [A-Za-z0-9:_-]. Each label becomes "key:value"
  # (or "key" when the value is empty); any other character becomes "_".
  labels = merge(var.labels, { "managed-by" = "roughneck", "deployment" = var.name })
  tags = sort(distinct([
    for k, v in local.labels :
    substr(replace(v == "" ? k : "${k}:${v}", "/[^A-Za-z0-9:_-]/", "_"), 0, 255)
    if trimspace(k) != ""
  ]))

  # Canonical network address per CIDR, deduplicated.
  ssh_cidrs = distinct([
    for c in var.allowed_ssh_cidrs : "${cidrhost(c, 0)}/${split("/", c)[1]}"
  ])
  world     = ["0.0.0.0/0", "::/0"]
  tls_ports = concat(var.acme_http ? ["80"] : [], var.tls_enabled ? ["443"] : [])

  # During an ssh_port change sshd still listens on the previous port until Provision moves it.
  ssh_ports = distinct(concat([var.ssh_port], var.ssh_port_previous == null ? [] : [var.ssh_port_previous]))

  # The one tag that selects this deployment's droplet for its firewall. Not "deployment:<name>"
  # from the labels: an operator could put that label on something else.
  firewall_tag = "roughneck-fw-${var.name}"
}

resource "digitalocean_tag" "firewall" {
  name = local.firewall_tag
}

# DigitalOcean keys take no tags.
resource "digitalocean_ssh_key" "this" {
  name       = "${var.name}-key"
  public_key = trimspace(var.ssh_public_key)
}

# Created before the droplet and applied through the deployment's own tag, which the droplet
# carries from its creation: the droplet is never up without its firewall.
# A DigitalOcean firewall drops whatever no rule allows, in both directions.
resource "digitalocean_firewall" "this" {
  name = "${var.name}-firewall"
  tags = [digitalocean_tag.firewall.id]

  dynamic "inbound_rule" {
    for_each = local.ssh_ports
    content {
      protocol         = "tcp"
      port_range       = tostring(inbound_rule.value)
      source_addresses = local.ssh_cidrs
    }
  }

  dynamic "inbound_rule" {
    for_each = local.tls_ports
    content {
      protocol         = "tcp"
      port_range       = inbound_rule.value
      source_addresses = local.world
    }
  }

  outbound_rule {
    protocol              = "tcp"
    port_range            = "1-65535"
    destination_addresses = local.world
  }

  outbound_rule {
    protocol              = "udp"
    port_range            = "1-65535"
    destination_addresses = local.world
  }

  outbound_rule {
    protocol              = "icmp"
    destination_addresses = local.world
  }
}

resource "digitalocean_droplet" "this" {
  name       = "${var.name}-server"
  region     = var.region
  size       = var.size
  image      = var.image
  ipv6       = true
  ssh_keys   = [digitalocean_ssh_key.this.fingerprint]
  user_data  = var.user_data
  tags       = concat(local.tags, [digitalocean_tag.firewall.id])
  backups    = false
  monitoring = false

  # The firewall exists (and selects the tag) before the droplet boots.
  depends_on = [digitalocean_firewall.this]

  lifecycle {
    # cloud-init reads user_data once, at the first boot: later edits (port, proxy, user, keys)
    # are Provision's job, and a changed user_data or key must never replace the droplet.
    ignore_changes = [user_data, ssh_keys]
  }
}
