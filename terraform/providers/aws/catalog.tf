# Generated from terraform/catalog.yml by ./build.sh --target=Catalog --refresh: do not edit.
# The region and size this root module accepts are exactly the catalog's (Init checks the same file).

variable "region" {
  type        = string
  description = "AWS region (the provider's region)."
  nullable    = false

  validation {
    condition = contains([
      "us-east-1",
      "us-east-2",
      "us-west-1",
      "us-west-2",
      "ca-central-1",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "eu-central-1",
      "eu-north-1",
      "ap-south-1",
      "ap-southeast-1",
      "ap-southeast-2",
      "ap-northeast-1",
      "ap-northeast-2",
      "sa-east-1",
    ], var.region)
    error_message = "region must be one of: us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, eu-west-1, eu-west-2, eu-west-3, eu-central-1, eu-north-1, ap-south-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, ap-northeast-2, sa-east-1."
  }
}

variable "size" {
  type        = string
  description = "EC2 instance type. amd64: t3.*, t3a.*, m7i.*; arm64: t4g.*, m7g.* (the AMI follows the architecture)."
  nullable    = false

  validation {
    condition = contains([
      "t3.small",
      "t3.medium",
      "t3.large",
      "t3.xlarge",
      "t3a.medium",
      "t3a.large",
      "m7i.large",
      "m7i.xlarge",
      "t4g.medium",
      "t4g.large",
      "t4g.xlarge",
      "m7g.large",
      "m7g.xlarge",
    ], var.size)
    error_message = "size must be one of: t3.small, t3.medium, t3.large, t3.xlarge, t3a.medium, t3a.large, m7i.large, m7i.xlarge, t4g.medium, t4g.large, t4g.xlarge, m7g.large, m7g.xlarge."
  }
}
