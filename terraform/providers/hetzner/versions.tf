terraform {
  required_version = ">= 1.7.0"

  # State lives in the deployment folder: terraform init -backend-config=path=<abs>/.roughneck/terraform.tfstate
  backend "local" {}

  required_providers {
    hcloud = {
      source  = "hetznercloud/hcloud"
      version = "~> 1.68"
    }
  }
}
