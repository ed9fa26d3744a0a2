"""修改密码, 恢复密钥 and 忘记密码 (issue 18): dialogs over ``services.passphrase`` and ``sync.escrow``."""
