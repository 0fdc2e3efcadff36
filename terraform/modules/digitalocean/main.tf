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
}

# DigitalOcean keys take no tags.
resource "digitalocean_ssh_key" "this" {
  name       = "${var.name}-key"
  public_key = trimspace(var.ssh_public_key)
}

resource "digitalocean_droplet" "this" {
  name       = "${var.name}-server"
  region     = var.region
  size       = var.size
  image      = var.image
  ipv6       = true
  ssh_keys   = [digitalocean_ssh_key.this.fingerprint]
  user_data  = var.user_data
  tags       = local.tags
  backups    = false
  monitoring = false
}

# Applied by droplet id only: the firewall's own `tags` argument would select every droplet
# carrying those tags (managed-by:roughneck is on all of them), so it stays unset.
# A DigitalOcean firewall drops whatever no rule allows, in both directions.
resource "digitalocean_firewall" "this" {
  name        = "${var.name}-firewall"
  droplet_ids = [digitalocean_droplet.this.id]

  inbound_rule {
    protocol         = "tcp"
    port_range       = tostring(var.ssh_port)
    source_addresses = local.ssh_cidrs
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
