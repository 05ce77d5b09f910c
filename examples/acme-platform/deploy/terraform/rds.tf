# Checkout primary database (Aurora PostgreSQL). Failover procedure:
# playbooks/failover-database.md

resource "aws_rds_cluster" "checkout" {
  cluster_identifier              = "checkout-prod"
  engine                          = "aurora-postgresql"
  engine_version                  = "15.6"
  database_name                   = "checkout"
  master_username                 = "checkout_admin"
  manage_master_user_password     = true
  db_subnet_group_name            = aws_db_subnet_group.data.name
  vpc_security_group_ids          = [aws_security_group.checkout_db.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.checkout.name

  backup_retention_period      = 14
  preferred_backup_window      = "02:00-03:00"
  preferred_maintenance_window = "sun:03:30-sun:04:30"
  deletion_protection          = true
  storage_encrypted            = true

  tags = {
    team    = "team-checkout"
    service = "checkout-api"
  }
}

resource "aws_rds_cluster_instance" "checkout" {
  count              = 2 # writer + one reader in another AZ (failover target)
  identifier         = "checkout-prod-${count.index}"
  cluster_identifier = aws_rds_cluster.checkout.id
  instance_class     = "db.r6g.xlarge"
  engine             = aws_rds_cluster.checkout.engine
  engine_version     = aws_rds_cluster.checkout.engine_version
  promotion_tier     = count.index

  performance_insights_enabled = true
  monitoring_interval          = 30
}

resource "aws_rds_cluster_parameter_group" "checkout" {
  name   = "checkout-prod-pg15"
  family = "aurora-postgresql15"

  parameter {
    name         = "max_connections"
    value        = "400"
    apply_method = "pending-reboot"
  }

  parameter {
    name  = "idle_in_transaction_session_timeout"
    value = "60000"
  }
}

output "checkout_writer_endpoint" {
  value = aws_rds_cluster.checkout.endpoint
}
