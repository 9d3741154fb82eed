# An app on Wix's legacy custom authentication: its token comes from the
# installation's refresh token, and lives five minutes. The refresh token
# enters as an ephemeral variable, so no saved plan or state keeps it.
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

variable "wix_refresh_token" {
  description = "The installation's refresh token (see the guide on legacy custom authentication)."
  type        = string
  ephemeral   = true
}

# The app's client ID and secret: WIX_CLIENT_ID and WIX_CLIENT_SECRET.
provider "wix" {}

ephemeral "wix_access_token" "legacy" {
  refresh_token = var.wix_refresh_token
}

provider "restapi" {
  uri                  = var.wix_api_url
  write_returns_object = true
  # Fails the run unless Wix accepts the token.
  test_path = "/apps/v1/instance"
  headers = {
    Authorization = ephemeral.wix_access_token.legacy.access_token
  }
}

data "restapi_object" "none" {
  count        = 0
  path         = "/"
  search_key   = "id"
  search_value = "none"
}
