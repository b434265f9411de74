# flowmatrix: site exchange-2007-example, firewall fw-internal (AWS security groups). Generated: change the catalog or the site, not this file.
# One security group per site role; attach each to the instances (network interfaces) of its role.
# Ingress rules sit on the destination role, egress rules on the source role (Terraform removes the default
# allow-all egress rule). Between two site roles the peer is the other role's security group.

variable "vpc_id" {
  type        = string
  description = "VPC of the security groups"
}

resource "aws_security_group" "edge-transport_edge-1" {
  name        = "flowmatrix-exchange-2007-example-fw-internal-edge-transport_edge-1"
  description = "flowmatrix role edge-transport bound to edge-1 (site exchange-2007-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-exchange-2007-example-fw-internal-edge-transport_edge-1", flowmatrix_role = "edge-transport" }
}

resource "aws_security_group" "hub-transport_hub-servers" {
  name        = "flowmatrix-exchange-2007-example-fw-internal-hub-transport_hub-servers"
  description = "flowmatrix role hub-transport bound to hub-servers (site exchange-2007-example)"
  vpc_id      = var.vpc_id
  tags        = { Name = "flowmatrix-exchange-2007-example-fw-internal-hub-transport_hub-servers", flowmatrix_role = "hub-transport" }
}

resource "aws_vpc_security_group_ingress_rule" "edge-transport_edge-1_in_tcp_25" {
  security_group_id            = aws_security_group.edge-transport_edge-1.id
  description                  = "exchange-2007/hub-to-edge-smtp ref Transport table, row 2"
  ip_protocol                  = "tcp"
  from_port                    = 25
  to_port                      = 25
  referenced_security_group_id = aws_security_group.hub-transport_hub-servers.id
}

resource "aws_vpc_security_group_egress_rule" "hub-transport_hub-servers_out_tcp_25" {
  security_group_id            = aws_security_group.hub-transport_hub-servers.id
  description                  = "exchange-2007/hub-to-edge-smtp ref Transport table, row 2"
  ip_protocol                  = "tcp"
  from_port                    = 25
  to_port                      = 25
  referenced_security_group_id = aws_security_group.edge-transport_edge-1.id
}

resource "aws_vpc_security_group_ingress_rule" "hub-transport_hub-servers_in_tcp_25" {
  security_group_id            = aws_security_group.hub-transport_hub-servers.id
  description                  = "exchange-2007/edge-to-hub-smtp ref Transport table, row 3"
  ip_protocol                  = "tcp"
  from_port                    = 25
  to_port                      = 25
  referenced_security_group_id = aws_security_group.edge-transport_edge-1.id
}

resource "aws_vpc_security_group_egress_rule" "edge-transport_edge-1_out_tcp_25" {
  security_group_id            = aws_security_group.edge-transport_edge-1.id
  description                  = "exchange-2007/edge-to-hub-smtp ref Transport table, row 3"
  ip_protocol                  = "tcp"
  from_port                    = 25
  to_port                      = 25
  referenced_security_group_id = aws_security_group.hub-transport_hub-servers.id
}

resource "aws_vpc_security_group_ingress_rule" "edge-transport_edge-1_in_tcp_50636" {
  security_group_id            = aws_security_group.edge-transport_edge-1.id
  description                  = "exchange-2007/hub-to-edge-edgesync-ldaps ref Transport table, row 8"
  ip_protocol                  = "tcp"
  from_port                    = 50636
  to_port                      = 50636
  referenced_security_group_id = aws_security_group.hub-transport_hub-servers.id
}

resource "aws_vpc_security_group_egress_rule" "hub-transport_hub-servers_out_tcp_50636" {
  security_group_id            = aws_security_group.hub-transport_hub-servers.id
  description                  = "exchange-2007/hub-to-edge-edgesync-ldaps ref Transport table, row 8"
  ip_protocol                  = "tcp"
  from_port                    = 50636
  to_port                      = 50636
  referenced_security_group_id = aws_security_group.edge-transport_edge-1.id
}

resource "aws_vpc_security_group_ingress_rule" "edge-transport_edge-1_in_tcp_50389" {
  security_group_id            = aws_security_group.edge-transport_edge-1.id
  description                  = "exchange-2007/hub-to-edge-edgesync-ldap ref Transport table, row 8; exchange-2007/edge-adam-ldap ref Transport table, row 9"
  ip_protocol                  = "tcp"
  from_port                    = 50389
  to_port                      = 50389
  referenced_security_group_id = aws_security_group.hub-transport_hub-servers.id
}

resource "aws_vpc_security_group_egress_rule" "hub-transport_hub-servers_out_tcp_50389" {
  security_group_id            = aws_security_group.hub-transport_hub-servers.id
  description                  = "exchange-2007/hub-to-edge-edgesync-ldap ref Transport table, row 8; exchange-2007/edge-adam-ldap ref Transport table, row 9"
  ip_protocol                  = "tcp"
  from_port                    = 50389
  to_port                      = 50389
  referenced_security_group_id = aws_security_group.edge-transport_edge-1.id
}

output "flowmatrix_security_groups" {
  value = { "edge-transport_edge-1" = aws_security_group.edge-transport_edge-1.id, "hub-transport_hub-servers" = aws_security_group.hub-transport_hub-servers.id }
}
