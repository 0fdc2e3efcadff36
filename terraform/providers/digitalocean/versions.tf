terraform {
  required_version = ">= 1.7.0"

  # State lives in the deployment folder: terraform init -backend-config=path=<abs>/.roughneck/terraform.tfstate
  backend "local" {}

  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = "~> 2.99"
    }
  }
}
