terraform {
  # Only the built-in terraform_data resource: no provider to install.
  required_version = ">= 1.6"

  # Each deployment keeps its own state:
  #   terraform init -backend-config=path=<deployment>/.roughneck/terraform.tfstate
  backend "local" {}
}
