provider "aws" {
  region = var.region
  # Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or AWS_PROFILE
  # in the environment of terraform (never variables).
}

module "cloud_init" {
  source = "../../modules/cloud-init"

  ssh_user              = var.ssh_user
  ssh_port              = var.ssh_port
  ssh_public_key        = var.ssh_public_key
  host_key_private_path = var.host_key_private_path
  host_key_public       = var.host_key_public
  http_proxy            = var.http_proxy
}

module "server" {
  source = "../../modules/aws"

  name              = var.deployment_name
  instance_type     = var.size
  image             = var.image
  ssh_public_key    = var.ssh_public_key
  ssh_port          = var.ssh_port
  allowed_ssh_cidrs = var.allowed_ssh_cidrs
  tls_enabled       = var.tls_enabled
  acme_http         = var.acme_http
  labels            = var.labels
  user_data         = module.cloud_init.user_data
}
