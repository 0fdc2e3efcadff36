# terraform test for the AWS root module, and for terraform/modules/aws through `module { source }`
# runs, with a mocked provider (no credentials, no network).
# Run: see terraform/README.md ("Checks"); needs the hashicorp/aws provider installed by init.

mock_provider "aws" {
  mock_data "aws_vpcs" {
    defaults = {
      ids = ["vpc-0fixture"]
    }
  }
  mock_data "aws_ec2_instance_type_offerings" {
    defaults = {
      locations = ["eu-central-1a", "eu-central-1b"]
    }
  }
  mock_data "aws_subnets" {
    defaults = {
      ids = ["subnet-0bbbbbbbbbbbbbbbb", "subnet-0aaaaaaaaaaaaaaaa"]
    }
  }
  # Every subnet in zone b unless a run says otherwise (see subnet_chosen_by_zone_not_by_id).
  mock_data "aws_subnet" {
    defaults = {
      availability_zone = "eu-central-1b"
    }
  }
  mock_data "aws_ami" {
    defaults = {
      id           = "ami-0a1b2c3d4e5f60718"
      architecture = "x86_64"
      name         = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20260828"
    }
  }
  mock_resource "aws_instance" {
    defaults = {
      id        = "i-0fixture000000001"
      public_ip = "203.0.113.10"
    }
  }
}

variables {
  deployment_name       = "gastown-eu"
  region                = "eu-central-1"
  size                  = "t3.medium"
  ssh_user              = "roughneck"
  ssh_port              = 2222
  ssh_public_key        = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ7ugS17jF1FXpFvpV5T3pcbprxRXkJzszQQILBR6smB fixture-login"
  host_key_private_path = abspath("tests/fixtures/host_ed25519_key")
  host_key_public       = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG5LSdpmo+CXihdDh8RTa4hyrIbL7W6Gp00aJ88lzI5g fixture-host-1"
  host_key_fingerprint  = "SHA256:fXreOsXYmwyAWGiZ4TSHQqSw9qTKmddGkXTEz6i2DdM"
  allowed_ssh_cidrs     = ["203.0.113.7/32", "2001:db8:1234::/48"]
  labels                = { "managed-by" = "roughneck", "deployment" = "gastown-eu", "team" = "infra" }

  # Inputs of terraform/modules/aws, for the runs that test that module directly (assertions
  # cannot reach resources inside a child module of the root).
  name          = "gastown-eu"
  instance_type = "t3.medium"
  image         = "ubuntu-24.04"
  tls_enabled   = false
  acme_http     = false
  user_data     = "#cloud-config\n{}\n"
}

run "firewall_ssh_only_split_v4_v6" {
  module {
    source = "../../modules/aws"
  }

  command = apply

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.this)) == toset(["ssh 203.0.113.7/32", "ssh 2001:db8:1234::/48"])
    error_message = "without TLS only the SSH rules exist, one per CIDR"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.this["ssh 203.0.113.7/32"].cidr_ipv4 == "203.0.113.7/32" && aws_vpc_security_group_ingress_rule.this["ssh 203.0.113.7/32"].cidr_ipv6 == null
    error_message = "an IPv4 CIDR goes to cidr_ipv4"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.this["ssh 2001:db8:1234::/48"].cidr_ipv6 == "2001:db8:1234::/48" && aws_vpc_security_group_ingress_rule.this["ssh 2001:db8:1234::/48"].cidr_ipv4 == null
    error_message = "an IPv6 CIDR goes to cidr_ipv6"
  }
  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.this : r.from_port == 2222 && r.to_port == 2222 && r.ip_protocol == "tcp"])
    error_message = "SSH rules open tcp/ssh_port only"
  }
  assert {
    condition     = toset([for r in aws_vpc_security_group_egress_rule.this : coalesce(r.cidr_ipv4, r.cidr_ipv6)]) == toset(["0.0.0.0/0", "::/0"])
    error_message = "egress open on v4 and v6"
  }
  assert {
    condition     = aws_security_group.this.name == "gastown-eu-firewall" && aws_security_group.this.vpc_id == "vpc-0fixture"
    error_message = "a dedicated security group named <deployment>-firewall in the default VPC"
  }
  assert {
    condition     = aws_instance.this.vpc_security_group_ids == toset([aws_security_group.this.id])
    error_message = "the instance uses only the dedicated group"
  }
}

run "instance_settings_and_tags" {
  module {
    source = "../../modules/aws"
  }

  command = apply

  assert {
    condition     = aws_instance.this.tags["managed-by"] == "roughneck" && aws_instance.this.tags["deployment"] == "gastown-eu" && aws_instance.this.tags["team"] == "infra" && aws_instance.this.tags["Name"] == "gastown-eu-server"
    error_message = "instance tags: labels plus Name"
  }
  assert {
    condition     = aws_key_pair.this.key_name == "gastown-eu-key" && aws_key_pair.this.tags["managed-by"] == "roughneck"
    error_message = "key pair named and tagged"
  }
  assert {
    condition     = aws_security_group.this.tags["managed-by"] == "roughneck" && alltrue([for r in aws_vpc_security_group_ingress_rule.this : r.tags["deployment"] == "gastown-eu"])
    error_message = "security group and rules tagged"
  }
  assert {
    condition     = aws_instance.this.metadata_options[0].http_tokens == "required"
    error_message = "IMDSv2 required"
  }
  assert {
    condition     = aws_instance.this.root_block_device[0].volume_type == "gp3" && aws_instance.this.root_block_device[0].volume_size == 40 && aws_instance.this.root_block_device[0].encrypted == true
    error_message = "40 GB gp3 encrypted root"
  }
  assert {
    condition     = aws_instance.this.ami == "ami-0a1b2c3d4e5f60718"
    error_message = "AMI from the pinned lookup"
  }
  assert {
    condition     = aws_instance.this.user_data_replace_on_change != true
    error_message = "a user data change must never replace the instance (cloud-init only bootstraps)"
  }
  assert {
    condition     = [for f in data.aws_ami.ubuntu.filter : f.values if f.name == "name"] == [toset(["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20260828"])] && data.aws_ami.ubuntu.owners == tolist(["099720109477"])
    error_message = "amd64 size looks up the pinned amd64 image name from Canonical"
  }
}

run "outputs_contract" {
  command = apply

  assert {
    condition     = output.address == "203.0.113.10"
    error_message = "address is the public IPv4"
  }
  assert {
    condition     = output.port == 2222 && output.user == "roughneck" && output.region == "eu-central-1" && output.size == "t3.medium" && output.http_proxy == ""
    error_message = "port, user, region, size, http_proxy echo the inputs"
  }
  assert {
    condition     = output.server_id == "i-0fixture000000001"
    error_message = "server_id is the instance id"
  }
  assert {
    condition     = output.host_key_fingerprint == var.host_key_fingerprint
    error_message = "the fingerprint output echoes the one Roughneck computed"
  }
}

run "tls_opens_443_to_the_world_and_not_80" {
  module {
    source = "../../modules/aws"
  }

  command = apply

  variables {
    tls_enabled = true
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.this)) == toset(["ssh 203.0.113.7/32", "ssh 2001:db8:1234::/48", "https 0.0.0.0/0", "https ::/0"])
    error_message = "TLS (self_signed, acme_dns) adds 443 on v4 and v6, and no 80"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.this["https ::/0"].cidr_ipv6 == "::/0" && aws_vpc_security_group_ingress_rule.this["https ::/0"].from_port == 443
    error_message = "443 on ::/0"
  }
}

run "acme_http_opens_80" {
  module {
    source = "../../modules/aws"
  }

  command = plan

  variables {
    tls_enabled = true
    acme_http   = true
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.this)) == toset(["ssh 203.0.113.7/32", "ssh 2001:db8:1234::/48", "http 0.0.0.0/0", "http ::/0", "https 0.0.0.0/0", "https ::/0"])
    error_message = "acme_http adds 80 (the HTTP-01 challenge) beside 443"
  }
}

run "no_443_without_tls" {
  module {
    source = "../../modules/aws"
  }

  command = plan

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.this : r.from_port != 443 && r.from_port != 80])
    error_message = "80/443 stay closed without TLS"
  }
}

run "cidrs_normalized_and_deduplicated" {
  module {
    source = "../../modules/aws"
  }

  command = plan

  variables {
    allowed_ssh_cidrs = ["198.51.100.77/24", "198.51.100.0/24", "0.0.0.0/0", "::/0"]
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.this)) == toset(["ssh 198.51.100.0/24", "ssh 0.0.0.0/0", "ssh ::/0"])
    error_message = "host bits cleared, duplicates dropped; explicit world CIDRs accepted"
  }
}

run "arm64_size_uses_arm64_image" {
  module {
    source = "../../modules/aws"
  }

  command = apply

  variables {
    instance_type = "t4g.medium"
  }

  override_data {
    target = data.aws_ami.ubuntu
    values = {
      id           = "ami-0fedcba9876543210"
      architecture = "arm64"
      name         = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20260828"
    }
  }

  assert {
    condition     = [for f in data.aws_ami.ubuntu.filter : f.values if f.name == "name"] == [toset(["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20260828"])]
    error_message = "arm64 size looks up the arm64 image"
  }
  assert {
    condition     = aws_instance.this.ami == "ami-0fedcba9876543210"
    error_message = "instance runs the arm64 AMI"
  }
}

run "architecture_mismatch_is_refused" {
  module {
    source = "../../modules/aws"
  }

  command = plan

  variables {
    instance_type = "m7g.large"
    image         = "ami-0a1b2c3d4e5f60718"
  }

  # the mocked AMI is x86_64
  expect_failures = [aws_instance.this]
}

run "labels_sanitized" {
  module {
    source = "../../modules/aws"
  }

  command = apply

  variables {
    labels = { "cost center" = "R&D #1", "aws:reserved" = "x", "managed-by" = "someone-else" }
  }

  assert {
    condition     = aws_instance.this.tags["cost center"] == "R_D _1" && !contains(keys(aws_instance.this.tags), "aws:reserved")
    error_message = "tag values sanitized, aws: keys dropped"
  }
  assert {
    condition     = aws_instance.this.tags["managed-by"] == "roughneck" && aws_instance.this.tags["deployment"] == "gastown-eu"
    error_message = "managed-by and deployment are enforced"
  }
}

run "rejects_empty_cidrs" {
  command = plan
  variables {
    allowed_ssh_cidrs = []
  }
  expect_failures = [var.allowed_ssh_cidrs]
}

run "rejects_bad_cidr" {
  command = plan
  variables {
    allowed_ssh_cidrs = ["203.0.113.7"]
  }
  expect_failures = [var.allowed_ssh_cidrs]
}

run "rejects_bad_region" {
  command = plan
  variables {
    region = "mars-north-1"
  }
  expect_failures = [var.region]
}

run "rejects_bad_size" {
  command = plan
  variables {
    size = "t2.micro"
  }
  expect_failures = [var.size]
}

run "rejects_bad_deployment_name" {
  command = plan
  variables {
    deployment_name = "Gastown_EU"
  }
  expect_failures = [var.deployment_name]
}

run "rejects_wildcard_image_name" {
  command = plan
  variables {
    image = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"
  }
  expect_failures = [var.image]
}

run "rejects_bad_port_and_proxy" {
  command = plan
  variables {
    ssh_port   = 443
    http_proxy = "proxy:3128"
  }
  expect_failures = [var.ssh_port, var.http_proxy]
}

run "rejects_bad_fingerprint_and_previous_port" {
  command = plan
  variables {
    host_key_fingerprint = "fXreOsXYmwyAWGiZ4TSHQqSw9qTKmddGkXTEz6i2DdM"
    ssh_port_previous    = 80
  }
  expect_failures = [var.host_key_fingerprint, var.ssh_port_previous]
}

# ---------------------------------------------------------------- edits never replace the server
# A mocked provider does not compute replacements, so these runs hold what decides them: the
# instance keeps the user_data and key pair it was created with (ignore_changes), and the
# subnet is chosen by zone name, never by the order of subnet ids.

run "created_with_the_first_user_data" {
  module {
    source = "../../modules/aws"
  }

  state_key = "edits"

  command = apply

  variables {
    name = "edits"
  }

  assert {
    condition     = aws_instance.this.user_data == "#cloud-config\n{}\n"
    error_message = "created with the first user_data"
  }
}

run "later_user_data_key_and_port_edits_do_not_touch_the_instance" {
  module {
    source = "../../modules/aws"
  }

  state_key = "edits"

  command = plan

  variables {
    name              = "edits"
    user_data         = "#cloud-config\n{\"users\": [\"someone-else\"]}\n"
    ssh_public_key    = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHHEv+Pn8ZYHsqy5PWabFVIHfqPN08MWZBY/WXnqJ18r another-login"
    ssh_port          = 2200
    ssh_port_previous = 2222
  }

  assert {
    condition     = aws_instance.this.user_data == "#cloud-config\n{}\n"
    error_message = "a user_data edit must be ignored by the existing instance (Provision applies it)"
  }
  assert {
    condition     = aws_instance.this.id == "i-0fixture000000001"
    error_message = "the instance keeps its id"
  }
  assert {
    condition     = aws_key_pair.this.public_key == trimspace(var.ssh_public_key) && aws_instance.this.key_name == "edits-key"
    error_message = "the key pair follows the login key while the instance keeps its key_name"
  }
  assert {
    condition     = toset([for r in aws_vpc_security_group_ingress_rule.this : r.from_port]) == toset([2200, 2222])
    error_message = "during a port change the security group opens the new and the previous port"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.this["ssh 203.0.113.7/32"].from_port == 2200 && aws_vpc_security_group_ingress_rule.this["ssh 2222 203.0.113.7/32"].from_port == 2222
    error_message = "the current port keeps its rule key; the previous port gets its own rules"
  }
}

run "port_change_finished_closes_the_previous_port" {
  module {
    source = "../../modules/aws"
  }

  state_key = "edits"

  command = plan

  variables {
    name     = "edits"
    ssh_port = 2200
  }

  assert {
    condition     = toset([for r in aws_vpc_security_group_ingress_rule.this : r.from_port]) == toset([2200])
    error_message = "without ssh_port_previous only ssh_port is open"
  }
}

run "subnet_chosen_by_zone_not_by_id" {
  module {
    source = "../../modules/aws"
  }

  command = plan

  variables {
    name = "zones"
  }

  # The subnet whose id sorts first is in zone c; the one in zone a must win.
  override_data {
    target = data.aws_subnet.candidate["subnet-0aaaaaaaaaaaaaaaa"]
    values = {
      availability_zone = "eu-central-1c"
    }
  }
  override_data {
    target = data.aws_subnet.candidate["subnet-0bbbbbbbbbbbbbbbb"]
    values = {
      availability_zone = "eu-central-1a"
    }
  }

  assert {
    condition     = aws_instance.this.subnet_id == "subnet-0bbbbbbbbbbbbbbbb"
    error_message = "the default subnet of the first zone by name, whatever the ids"
  }
}

run "subnet_pinned_by_availability_zone" {
  module {
    source = "../../modules/aws"
  }

  command = plan

  variables {
    name              = "zones"
    availability_zone = "eu-central-1c"
  }

  override_data {
    target = data.aws_subnet.candidate["subnet-0aaaaaaaaaaaaaaaa"]
    values = {
      availability_zone = "eu-central-1c"
    }
  }
  override_data {
    target = data.aws_subnet.candidate["subnet-0bbbbbbbbbbbbbbbb"]
    values = {
      availability_zone = "eu-central-1a"
    }
  }

  assert {
    condition     = aws_instance.this.subnet_id == "subnet-0aaaaaaaaaaaaaaaa"
    error_message = "a pinned availability_zone picks that zone's default subnet"
  }
}

run "no_default_vpc_is_a_clear_error" {
  module {
    source = "../../modules/aws"
  }

  command = plan

  variables {
    name = "novpc"
  }

  override_data {
    target = data.aws_vpcs.default
    values = {
      ids = []
    }
  }

  expect_failures = [data.aws_subnets.default]
}
