"""Authentication requests (商品鉴别): a bureau asks a brand's rights holder about goods."""
