terraform {
  required_version = ">= 1.10.0"

  # No provider block here: the deployment's generated root module configures digitalocean, so
  # this module can be called with count, for_each and depends_on.
  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = "~> 2.99"
    }
  }
}
