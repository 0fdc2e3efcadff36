terraform {
  # Only the built-in terraform_data resource: no provider to install. No backend
  # either: the per-deployment root module that calls this one declares it (or, used
  # directly as a root module, pass -state= / use the default local backend).
  required_version = ">= 1.6"
}
