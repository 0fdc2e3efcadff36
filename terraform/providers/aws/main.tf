# The deployment's generated root module configures the provider (build/Roughneck/Terraform/
# RootWrapper.cs): no provider block here, so this module is not a legacy module.

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
  region            = var.region
  instance_type     = var.size
  image             = var.image
  ssh_public_key    = var.ssh_public_key
  ssh_port          = var.ssh_port
  ssh_port_previous = var.ssh_port_previous
  allowed_ssh_cidrs = var.allowed_ssh_cidrs
  tls_enabled       = var.tls_enabled
  acme_http         = var.acme_http
  labels            = var.labels
  user_data         = module.cloud_init.user_data
}
