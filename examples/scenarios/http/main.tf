# The token in a request header of hashicorp/http's http data source, which
# calls Wix's Get App Instance API. A data source argument cannot take an
# ephemeral value, so this pairs the http data source with the wix data
# source, which stores the token in state.
terraform {
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
    http = {
      source = "hashicorp/http"
    }
  }
}

variable "wix_api_url" {
  type    = string
  default = "https://www.wixapis.com"
}

provider "wix" {}

data "wix_access_token" "site" {}

data "http" "app_instance" {
  url = "${var.wix_api_url}/apps/v1/instance"
  request_headers = {
    Accept        = "application/json"
    Authorization = data.wix_access_token.site.access_token
  }
}

locals {
  # `body` is in every release of hashicorp/http; from 3.0 on it is also
  # called `response_body`, the name its newer releases prefer.
  app_instance = jsondecode(data.http.app_instance.body)
}

output "site_display_name" {
  value = local.app_instance.site.siteDisplayName
}
