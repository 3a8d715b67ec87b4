//! Word segmentation: joins syllables into words (`Hàn Quốc`, `hội đàm`).
