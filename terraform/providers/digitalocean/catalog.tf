# Generated from terraform/catalog.yml by ./build.sh --target=Catalog --refresh: do not edit.
# The region and size this root module accepts are exactly the catalog's (Init checks the same file).

variable "region" {
  type        = string
  description = "DigitalOcean region slug."
  nullable    = false

  validation {
    condition = contains([
      "nyc1",
      "nyc3",
      "sfo3",
      "ams3",
      "fra1",
      "lon1",
      "sgp1",
      "tor1",
      "blr1",
      "syd1",
    ], var.region)
    error_message = "region must be one of: nyc1, nyc3, sfo3, ams3, fra1, lon1, sgp1, tor1, blr1, syd1."
  }
}

variable "size" {
  type        = string
  description = "Droplet size slug: s-* (basic, shared), g-* (general purpose, dedicated), c-* (CPU-optimized). DigitalOcean has no arm64 droplets: every size is amd64."
  nullable    = false

  validation {
    condition = contains([
      "s-1vcpu-2gb",
      "s-2vcpu-2gb",
      "s-2vcpu-4gb",
      "s-4vcpu-8gb",
      "s-8vcpu-16gb",
      "g-2vcpu-8gb",
      "g-4vcpu-16gb",
      "c-2",
      "c-4",
    ], var.size)
    error_message = "size must be one of: s-1vcpu-2gb, s-2vcpu-2gb, s-2vcpu-4gb, s-4vcpu-8gb, s-8vcpu-16gb, g-2vcpu-8gb, g-4vcpu-16gb, c-2, c-4."
  }
}
