# One site: its own token and its own restapi configuration.
terraform {
  required_providers {
    wix = {
      source = "wixtf/wix"
    }
    restapi = {
      source  = "Mastercard/restapi"
      version = "~> 1.20"
    }
  }
}

variable "wix_api_url" {
  type = string
}

variable "instance_id" {
  description = "The app instance ID of this site."
  type        = string
}

ephemeral "wix_access_token" "site" {
  instance_id = var.instance_id
}

provider "restapi" {
  uri                  = var.wix_api_url
  write_returns_object = true
  # Fails the run unless Wix accepts this site's token.
  test_path = "/apps/v1/instance"
  headers = {
    Authorization = ephemeral.wix_access_token.site.access_token
  }
}

# The site's objects go here. This example manages none: the data source
# with count = 0 only makes Terraform configure restapi, whose test_path
# calls Wix with the token.
data "restapi_object" "none" {
  count        = 0
  path         = "/"
  search_key   = "id"
  search_value = "none"
}
