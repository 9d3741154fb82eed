# Terraform: one restapi configuration per site, each with its own ephemeral
# token. Terraform has no for_each on provider blocks, so each site is a
# child module with its own provider block; such a module cannot take
# for_each or count either, so there is one module block per site (generate
# them when there are many). OpenTofu can loop instead: see
# many-sites-opentofu.
terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

variable "wix_api_url" {
  type    = string
  default = "https://www.wixapis.com"
}

variable "wix_instance_ids" {
  description = "Instance IDs of the sites the app is installed on."
  type        = list(string)
}

# Every module below uses this configuration for its token.
provider "wix" {}

module "first_site" {
  source      = "./modules/site"
  wix_api_url = var.wix_api_url
  instance_id = var.wix_instance_ids[0]
}

module "second_site" {
  source      = "./modules/site"
  wix_api_url = var.wix_api_url
  instance_id = var.wix_instance_ids[1]
}
