# Generated from terraform/catalog.yml by ./build.sh --target=Catalog --refresh: do not edit.
# The region and size this root module accepts are exactly the catalog's (Init checks the same file).

variable "region" {
  type        = string
  description = "Hetzner location."
  nullable    = false

  validation {
    condition = contains([
      "fsn1",
      "nbg1",
      "hel1",
      "ash",
      "hil",
      "sin",
    ], var.region)
    error_message = "region must be one of: fsn1, nbg1, hel1, ash, hil, sin."
  }
}

variable "size" {
  type        = string
  description = "Hetzner server type. x86: cx*3 (shared, cost-optimized), cpx* (shared AMD), ccx* (dedicated); arm64: cax*. Not every type is sold in every location (terraform/catalog.yml). The image follows the type's architecture."
  nullable    = false

  validation {
    condition = contains([
      "cx23",
      "cx33",
      "cx43",
      "cx53",
      "cpx12",
      "cpx22",
      "cpx32",
      "cpx42",
      "cpx52",
      "cpx62",
      "cpx11",
      "cpx21",
      "cpx31",
      "cpx41",
      "cpx51",
      "cax11",
      "cax21",
      "cax31",
      "cax41",
      "ccx13",
      "ccx23",
      "ccx33",
      "ccx43",
      "ccx53",
      "ccx63",
    ], var.size)
    error_message = "size must be one of: cx23, cx33, cx43, cx53, cpx12, cpx22, cpx32, cpx42, cpx52, cpx62, cpx11, cpx21, cpx31, cpx41, cpx51, cax11, cax21, cax31, cax41, ccx13, ccx23, ccx33, ccx43, ccx53, ccx63."
  }
}
