"""户籍登记 dialogs: 登记新户, 添加成员, 出生, 婚入/婚出, 分户, 迁出/迁入, 死亡, 注销 (services.households)."""
