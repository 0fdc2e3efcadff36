locals {
  canonical = "099720109477" # Canonical's publisher account for Ubuntu AMIs
  # Build date of the Canonical Ubuntu 24.04 images "ubuntu-24.04" stands for (both
  # architectures are published under the same serial in every region).
  ami_serial = "20260828"

  family = split(".", var.instance_type)[0]
  arch   = contains(["t4g", "m7g"], local.family) ? "arm64" : "amd64"

  # "ubuntu-24.04" stands for one dated Canonical build per architecture (see terraform/README.md):
  # looked up by exact name, so the id never moves under an existing instance.
  image_is_id = can(regex("^ami-[0-9a-f]{8,17}$", var.image))
  ami_name    = var.image == "ubuntu-24.04" ? "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${local.arch}-server-${local.ami_serial}" : var.image

  # EC2 tags: keys up to 128, values up to 256 characters of letters, digits, spaces and
  # + - = . _ : / @; keys starting with "aws:" are reserved. Anything else becomes "_".
  user_tags = {
    for k, v in var.labels :
    substr(replace(k, "/[^\\p{L}\\p{N} +=._:/@-]/", "_"), 0, 128) => substr(replace(v, "/[^\\p{L}\\p{N} +=._:/@-]/", "_"), 0, 256)...
    if trimspace(k) != "" && !startswith(lower(k), "aws:")
  }
  tags = merge(
    { for k, v in local.user_tags : k => v[0] },
    { "managed-by" = "roughneck", "deployment" = var.name },
  )

  ssh_cidrs = distinct([
    for c in var.allowed_ssh_cidrs : "${cidrhost(c, 0)}/${split("/", c)[1]}"
  ])

  # During an ssh_port change sshd still listens on the previous port until Provision moves it.
  previous_ssh_ports = var.ssh_port_previous == null || var.ssh_port_previous == var.ssh_port ? [] : [var.ssh_port_previous]

  # One ingress rule per (purpose, CIDR); IPv6 CIDRs (they contain ":") go to cidr_ipv6. The
  # rule of the current port keeps its old key, so a port change adds a rule and removes none.
  ingress = merge(
    { for c in local.ssh_cidrs : "ssh ${c}" => { port = var.ssh_port, cidr = c } },
    { for pair in setproduct(local.previous_ssh_ports, local.ssh_cidrs) : "ssh ${pair[0]} ${pair[1]}" => { port = pair[0], cidr = pair[1] } },
    var.acme_http ? {
      "http 0.0.0.0/0" = { port = 80, cidr = "0.0.0.0/0" }
      "http ::/0"      = { port = 80, cidr = "::/0" }
    } : {},
    var.tls_enabled ? {
      "https 0.0.0.0/0" = { port = 443, cidr = "0.0.0.0/0" }
      "https ::/0"      = { port = 443, cidr = "::/0" }
    } : {},
  )
}

# aws_vpcs (not aws_vpc) so that an account without a default VPC gets the precondition's
# message below instead of the provider's "no matching EC2 VPC found".
data "aws_vpcs" "default" {
  filter {
    name   = "is-default"
    values = ["true"]
  }
}

locals {
  vpc_id = one(data.aws_vpcs.default.ids)
}

# Availability zones that sell this instance type, then the default VPC's subnets in them.
data "aws_ec2_instance_type_offerings" "this" {
  location_type = "availability-zone"

  filter {
    name   = "instance-type"
    values = [var.instance_type]
  }
}

data "aws_subnets" "default" {
  filter {
    name   = "vpc-id"
    values = [local.vpc_id]
  }

  filter {
    name   = "default-for-az"
    values = ["true"]
  }

  filter {
    name   = "availability-zone"
    values = data.aws_ec2_instance_type_offerings.this.locations
  }

  lifecycle {
    precondition {
      condition     = length(data.aws_vpcs.default.ids) == 1
      error_message = "This AWS account has no default VPC in ${var.region}, and Roughneck places the instance in the default VPC. Create it with `aws ec2 create-default-vpc --region ${var.region}` (or in the VPC console: Actions, Create default VPC), or choose a region that has one."
    }
  }
}

# Each candidate's availability zone, to choose by zone name: subnet ids are random, so the
# first id in sorted order could be a different zone tomorrow (a subnet deleted and recreated),
# and a different subnet_id replaces the instance. Zone names do not move.
data "aws_subnet" "candidate" {
  for_each = toset(data.aws_subnets.default.ids)
  id       = each.value
}

locals {
  subnet_by_zone = { for id, subnet in data.aws_subnet.candidate : subnet.availability_zone => id... }
  zone           = var.availability_zone != "" ? var.availability_zone : try(sort(keys(local.subnet_by_zone))[0], "")
  subnet_id      = try(sort(local.subnet_by_zone[local.zone])[0], null)
}

data "aws_ami" "ubuntu" {
  owners             = [local.canonical]
  include_deprecated = true # EC2 marks public AMIs deprecated after two years; the pin must still resolve

  filter {
    name   = local.image_is_id ? "image-id" : "name"
    values = [local.image_is_id ? var.image : local.ami_name]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }

  filter {
    name   = "root-device-type"
    values = ["ebs"]
  }
}

resource "aws_key_pair" "this" {
  key_name   = "${var.name}-key"
  public_key = trimspace(var.ssh_public_key)
  tags       = merge(local.tags, { Name = "${var.name}-key" })
}

# A dedicated group: the VPC's default group is never used. Terraform removes the default
# allow-all egress rule of a new group; the rules below are all there is.
resource "aws_security_group" "this" {
  name        = "${var.name}-firewall"
  description = "Roughneck ${var.name}: ssh from allowed CIDRs, tls when enabled"
  vpc_id      = local.vpc_id
  tags        = merge(local.tags, { Name = "${var.name}-firewall" })
}

resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each = local.ingress

  security_group_id = aws_security_group.this.id
  description       = each.key
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = strcontains(each.value.cidr, ":") ? null : each.value.cidr
  cidr_ipv6         = strcontains(each.value.cidr, ":") ? each.value.cidr : null
  tags              = merge(local.tags, { Name = "${var.name}-firewall" })
}

resource "aws_vpc_security_group_egress_rule" "this" {
  for_each = toset(["0.0.0.0/0", "::/0"])

  security_group_id = aws_security_group.this.id
  description       = "all egress"
  ip_protocol       = "-1"
  cidr_ipv4         = strcontains(each.value, ":") ? null : each.value
  cidr_ipv6         = strcontains(each.value, ":") ? each.value : null
  tags              = merge(local.tags, { Name = "${var.name}-firewall" })
}

resource "aws_instance" "this" {
  ami                         = data.aws_ami.ubuntu.id
  instance_type               = var.instance_type
  subnet_id                   = local.subnet_id
  vpc_security_group_ids      = [aws_security_group.this.id]
  key_name                    = aws_key_pair.this.key_name
  associate_public_ip_address = true
  user_data                   = var.user_data

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required" # IMDSv2 only
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.root_volume_size
    encrypted             = true
    delete_on_termination = true
    tags                  = merge(local.tags, { Name = "${var.name}-root" })
  }

  tags = merge(local.tags, { Name = "${var.name}-server" })

  lifecycle {
    # cloud-init reads user_data once, at the first boot: later edits (port, proxy, user, keys)
    # are Provision's job, and a changed user_data or key pair must never replace the instance.
    ignore_changes = [user_data, user_data_base64, key_name]

    precondition {
      condition     = local.subnet_id != null
      error_message = var.availability_zone != "" ? "The default VPC has no default subnet in ${var.availability_zone} that sells ${var.instance_type}: pick another availability_zone, size or region, or create the subnet (aws ec2 create-default-subnet --availability-zone ${var.availability_zone})." : "The default VPC has no default subnet in an availability zone that sells ${var.instance_type}: pick another size or region, or create the default subnets (aws ec2 create-default-subnet)."
    }
    precondition {
      condition     = data.aws_ami.ubuntu.architecture == (local.arch == "arm64" ? "arm64" : "x86_64") && strcontains(data.aws_ami.ubuntu.name, "ubuntu-noble-24.04")
      error_message = "The image must be a Canonical Ubuntu 24.04 (noble) AMI for the architecture of ${var.instance_type} (${local.arch})."
    }
  }
}
