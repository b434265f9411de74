# flowmatrix: site m365-hybrid-example, firewall fw-edge (Azure NSG). Generated: change the catalog or the site, not this file.
# Associate the group with the subnets (or NICs) of both ends: Inbound rules hold where traffic arrives,
# Outbound rules where it leaves. The closing deny rules (4096) override AllowVnetInBound/AllowVnetOutBound
# and AllowAzureLoadBalancerInBound: add a rule for load-balancer probes if the site uses them.

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

resource "azurerm_network_security_group" "fw-edge" {
  name                = "flowmatrix-m365-hybrid-example-fw-edge"
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_entra-connect-winrm-sts_in_tcp_v4" {
  name                         = "m365-additional-endpoints-entra-connect-winrm-sts-in-tcp-v4"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["80", "443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["10.20.1.20"]
  description                  = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3: Remote management (WinRM, PowerShell) of the customer STS environment, AD FS se"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_entra-connect-winrm-sts_out_tcp_v4" {
  name                         = "m365-additional-endpoints-entra-connect-winrm-sts-out-tcp-v4"
  priority                     = 100
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["80", "443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["10.20.1.20"]
  description                  = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3: Remote management (WinRM, PowerShell) of the customer STS environment, AD FS se"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_entra-connect-winrm-sts_in_tcp_0nlls33" {
  name                         = "m365-additional-endpoints-entra-connect-winrm-sts-in-tcp-v4-1dbbgk5"
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["80", "443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3: Remote management (WinRM, PowerShell) of the customer STS environment, AD FS se"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_entra-connect-winrm-sts_in_tcp_v6" {
  name                         = "m365-additional-endpoints-entra-connect-winrm-sts-in-tcp-v6"
  priority                     = 120
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["80", "443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:51::20"]
  description                  = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3: Remote management (WinRM, PowerShell) of the customer STS environment, AD FS se"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_entra-connect-winrm-sts_out_tc_0zybqps" {
  name                         = "m365-additional-endpoints-entra-connect-winrm-sts-out-tcp-v4-1v8dack"
  priority                     = 110
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["80", "443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3: Remote management (WinRM, PowerShell) of the customer STS environment, AD FS se"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_entra-connect-winrm-sts_out_tcp_v6" {
  name                         = "m365-additional-endpoints-entra-connect-winrm-sts-out-tcp-v6"
  priority                     = 120
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["80", "443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:51::20"]
  description                  = "m365-additional-endpoints/entra-connect-winrm-sts ref row 3: Remote management (WinRM, PowerShell) of the customer STS environment, AD FS se"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_sts-clienttls_in_tcp_v4" {
  name                         = "m365-additional-endpoints-sts-clienttls-in-tcp-v4"
  priority                     = 130
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["49443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "m365-additional-endpoints/sts-clienttls ref row 4b: Same need as row 4a, on the alternate port with TLS client certificate authentication."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_sts-clienttls_in_tcp_v6" {
  name                         = "m365-additional-endpoints-sts-clienttls-in-tcp-v6"
  priority                     = 140
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["49443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:51::20"]
  description                  = "m365-additional-endpoints/sts-clienttls ref row 4b: Same need as row 4a, on the alternate port with TLS client certificate authentication."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_sts-clienttls_out_tcp_v4" {
  name                         = "m365-additional-endpoints-sts-clienttls-out-tcp-v4"
  priority                     = 130
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["49443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["198.51.100.20"]
  description                  = "m365-additional-endpoints/sts-clienttls ref row 4b: Same need as row 4a, on the alternate port with TLS client certificate authentication."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_sts-clienttls_out_tcp_v6" {
  name                         = "m365-additional-endpoints-sts-clienttls-out-tcp-v6"
  priority                     = 140
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["49443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:51::20"]
  description                  = "m365-additional-endpoints/sts-clienttls ref row 4b: Same need as row 4a, on the alternate port with TLS client certificate authentication."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_mailbox-migration-ews-mrs_in_tcp_v4" {
  name                         = "m365-additional-endpoints-mailbox-migration-ews-mrs-in-tcp-v4"
  priority                     = 150
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["198.51.100.11"]
  description                  = "m365-additional-endpoints/mailbox-migration-ews-mrs ref row 6: Microsoft 365 connects to the published EWS or MRS service to move mailboxes"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_mailbox-migration-ews-mrs_out_tcp_v4" {
  name                         = "m365-additional-endpoints-mailbox-migration-ews-mrs-out-tcp-v4"
  priority                     = 150
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["198.51.100.11"]
  description                  = "m365-additional-endpoints/mailbox-migration-ews-mrs ref row 6: Microsoft 365 connects to the published EWS or MRS service to move mailboxes"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_autodetect-to-exchange_in_tcp_v4" {
  name                         = "m365-additional-endpoints-autodetect-to-exchange-in-tcp-v4"
  priority                     = 160
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["52.125.128.0/20", "52.127.96.0/23"]
  destination_address_prefixes = ["198.51.100.10"]
  description                  = "m365-additional-endpoints/autodetect-to-exchange ref row 10: The Outlook mobile AutoDetect service reaches the customer's on-premises Exchan"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_autodetect-to-exchange_out_tcp_v4" {
  name                         = "m365-additional-endpoints-autodetect-to-exchange-out-tcp-v4"
  priority                     = 160
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["52.125.128.0/20", "52.127.96.0/23"]
  destination_address_prefixes = ["198.51.100.10"]
  description                  = "m365-additional-endpoints/autodetect-to-exchange ref row 10: The Outlook mobile AutoDetect service reaches the customer's on-premises Exchan"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_graph-change-notifications_in_tcp_v4" {
  name                         = "m365-additional-endpoints-graph-change-notifications-in-tcp-v4"
  priority                     = 170
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["13.78.204.0", "13.87.81.35", "13.87.81.123", "13.87.81.133", "13.87.81.141", "20.9.35.166", "20.9.36.45", "20.9.36.128", "20.9.37.73", "20.9.37.76", "20.20.32.0/19", "20.25.189.138", "20.44.210.83", "20.44.210.146", "20.48.11.201", "20.48.12.75", "20.48.14.35", "20.48.15.147", "20.69.245.215", "20.89.108.161", "20.89.240.165", "20.90.99.1", "20.91.208.88", "20.91.209.147", "20.91.212.136", "20.91.212.211", "20.91.213.57", "20.96.21.67", "20.96.21.98", "20.96.21.115", "20.98.68.57", "20.98.68.182", "20.98.68.200", "20.98.68.203", "20.98.68.218", "20.111.9.46", "20.111.9.77", "20.127.53.125", "20.171.81.121", "20.171.82.192", "20.171.83.146", "20.171.83.157", "20.190.128.0/18", "20.199.102.73", "20.199.102.157", "20.212.153.162", "20.216.150.67", "20.223.139.245", "20.231.128.0/19", "20.253.156.113", "40.76.162.42", "40.76.162.99", "40.80.232.118", "40.80.232.177", "40.80.233.14", "40.80.239.196", "40.126.0.0/18", "51.104.159.181", "51.104.159.213", "51.124.73.177", "51.124.75.43", "51.138.90.7", "51.138.90.52", "52.142.114.29", "52.142.115.31", "52.147.213.181", "52.147.213.251", "52.148.24.136", "52.148.27.39", "52.148.114.238", "52.148.115.48", "52.159.17.84", "52.159.23.209", "52.159.102.72", "52.159.107.4", "52.159.107.50", "52.159.109.205", "52.159.124.33", "52.231.196.24", "70.37.90.219", "70.37.92.195", "70.37.93.191", "70.37.95.11", "70.37.95.92", "104.40.209.182", "104.46.117.15", "104.215.6.169", "104.215.12.254", "104.215.13.23", "104.215.18.55", "137.135.11.116", "137.135.11.161", "137.135.11.222", "137.135.11.250"]
  destination_address_prefixes = ["198.51.100.30"]
  description                  = "m365-additional-endpoints/graph-change-notifications ref row 23: Microsoft Graph delivers subscription notifications to the customer's endpo"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "m365-additional-endpoints_graph-change-notifications_out_tcp_v4" {
  name                         = "m365-additional-endpoints-graph-change-notifications-out-tcp-v4"
  priority                     = 170
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["13.78.204.0", "13.87.81.35", "13.87.81.123", "13.87.81.133", "13.87.81.141", "20.9.35.166", "20.9.36.45", "20.9.36.128", "20.9.37.73", "20.9.37.76", "20.20.32.0/19", "20.25.189.138", "20.44.210.83", "20.44.210.146", "20.48.11.201", "20.48.12.75", "20.48.14.35", "20.48.15.147", "20.69.245.215", "20.89.108.161", "20.89.240.165", "20.90.99.1", "20.91.208.88", "20.91.209.147", "20.91.212.136", "20.91.212.211", "20.91.213.57", "20.96.21.67", "20.96.21.98", "20.96.21.115", "20.98.68.57", "20.98.68.182", "20.98.68.200", "20.98.68.203", "20.98.68.218", "20.111.9.46", "20.111.9.77", "20.127.53.125", "20.171.81.121", "20.171.82.192", "20.171.83.146", "20.171.83.157", "20.190.128.0/18", "20.199.102.73", "20.199.102.157", "20.212.153.162", "20.216.150.67", "20.223.139.245", "20.231.128.0/19", "20.253.156.113", "40.76.162.42", "40.76.162.99", "40.80.232.118", "40.80.232.177", "40.80.233.14", "40.80.239.196", "40.126.0.0/18", "51.104.159.181", "51.104.159.213", "51.124.73.177", "51.124.75.43", "51.138.90.7", "51.138.90.52", "52.142.114.29", "52.142.115.31", "52.147.213.181", "52.147.213.251", "52.148.24.136", "52.148.27.39", "52.148.114.238", "52.148.115.48", "52.159.17.84", "52.159.23.209", "52.159.102.72", "52.159.107.4", "52.159.107.50", "52.159.109.205", "52.159.124.33", "52.231.196.24", "70.37.90.219", "70.37.92.195", "70.37.93.191", "70.37.95.11", "70.37.95.92", "104.40.209.182", "104.46.117.15", "104.215.6.169", "104.215.12.254", "104.215.13.23", "104.215.18.55", "137.135.11.116", "137.135.11.161", "137.135.11.222", "137.135.11.250"]
  destination_address_prefixes = ["198.51.100.30"]
  description                  = "m365-additional-endpoints/graph-change-notifications ref row 23: Microsoft Graph delivers subscription notifications to the customer's endpo"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "flowmatrix_deny_in" {
  name                        = "flowmatrix-deny-in"
  priority                    = 4096
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  description                 = "flowmatrix: everything the matrix does not list"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-edge.name
}

resource "azurerm_network_security_rule" "flowmatrix_deny_out" {
  name                        = "flowmatrix-deny-out"
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  description                 = "flowmatrix: everything the matrix does not list"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-edge.name
}
