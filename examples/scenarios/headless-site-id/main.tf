# A Headless project's admin token carries no instance, and calls about a
# site need its ID in a wix-site-id header. wix_token_info reads the site ID
# from the token itself, so it never has to be copied into a variable.
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

variable "headless_client_id" {
  type = string
}

variable "headless_client_secret" {
  type      = string
  ephemeral = true
}

provider "wix" {
  client_id     = var.headless_client_id
  client_secret = var.headless_client_secret
}

ephemeral "wix_access_token" "admin" {}

ephemeral "wix_token_info" "admin" {
  token = ephemeral.wix_access_token.admin.access_token
}

provider "restapi" {
  uri                  = var.wix_api_url
  write_returns_object = true
  # Fails the run unless Wix accepts the token for this site.
  test_path = "/apps/v1/instance"
  headers = {
    Authorization = ephemeral.wix_access_token.admin.access_token
    wix-site-id   = ephemeral.wix_token_info.admin.site_id
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
