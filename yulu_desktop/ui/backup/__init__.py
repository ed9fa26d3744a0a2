"""备份 and 恢复 in the app: the backup and restore dialogs, the laptop's automatic backups, the menu entries."""
