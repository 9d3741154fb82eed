# The token in another provider's configuration: Mastercard's restapi
# provider calls Wix's Get App Instance API with it.
terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
    restapi = {
      source  = "Mastercard/restapi"
      version = "~> 1.20"
    }
  }
}

variable "wix_api_url" {
  type    = string
  default = "https://www.wixapis.com"
}

provider "wix" {}

ephemeral "wix_access_token" "site" {}

provider "restapi" {
  uri                  = var.wix_api_url
  write_returns_object = true
  # Fails the run unless Wix accepts the token.
  test_path = "/apps/v1/instance"
  headers = {
    Authorization = ephemeral.wix_access_token.site.access_token
    # A generic header pair works the same way in any HTTP-based provider:
    # Authorization = "Bearer ${ephemeral.wix_access_token.site.access_token}"
  }
}

# restapi is configured (and calls test_path) whenever one of its data
# sources or resources is in the configuration.
data "restapi_object" "none" {
  count        = 0
  path         = "/"
  search_key   = "id"
  search_value = "none"
}
