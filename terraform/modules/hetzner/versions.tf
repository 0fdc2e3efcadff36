terraform {
  required_version = ">= 1.10.0"

  # No provider block here: the deployment's generated root module configures hcloud, so this
  # module can be called with count, for_each and depends_on.
  required_providers {
    hcloud = {
      source  = "hetznercloud/hcloud"
      version = "~> 1.68"
    }
  }
}
