//! The card types of WeChat's card create API and the key each nests under.

use std::fmt;

use crate::error::{Error, Result};

/// A `card_type` of the card create API (SPEC §5.2).
///
/// Each type nests its fields under its lowercase name:
/// `{"card": {"card_type": "MEMBER_CARD", "member_card": {"base_info": {…}}}}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CardType {
    /// 团购券 `GROUPON`: a coupon; creation stopped on 2021-04-01.
    Groupon,
    /// 代金券 `CASH`: a coupon; creation stopped on 2021-04-01.
    Cash,
    /// 折扣券 `DISCOUNT`: a coupon; creation stopped on 2021-04-01.
    Discount,
    /// 兑换券 `GIFT`: a coupon; creation stopped on 2021-04-01.
    Gift,
    /// 优惠券 `GENERAL_COUPON`: a coupon; creation stopped on 2021-04-01.
    GeneralCoupon,
    /// 会员卡 `MEMBER_CARD`.
    MemberCard,
    /// 景点门票 `SCENIC_TICKET`.
    ScenicTicket,
    /// 电影票 `MOVIE_TICKET`.
    MovieTicket,
    /// 飞机票 `BOARDING_PASS`.
    BoardingPass,
    /// 会议门票 `MEETING_TICKET`.
    MeetingTicket,
    /// 汽车票 `BUS_TICKET`.
    BusTicket,
    /// 红包 `LUCKY_MONEY`: legacy.
    LuckyMoney,
    /// 通用卡 `GENERAL_CARD` (with `sub_card_type`, e.g. `GIFT_CARD`): seen only in third-party code.
    GeneralCard,
}

impl CardType {
    /// Every known card type, coupons first.
    pub const ALL: [CardType; 13] = [
        CardType::Groupon,
        CardType::Cash,
        CardType::Discount,
        CardType::Gift,
        CardType::GeneralCoupon,
        CardType::MemberCard,
        CardType::ScenicTicket,
        CardType::MovieTicket,
        CardType::BoardingPass,
        CardType::MeetingTicket,
        CardType::BusTicket,
        CardType::LuckyMoney,
        CardType::GeneralCard,
    ];

    /// The `card_type` value, e.g. `MEMBER_CARD`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_str(self) -> &'static str {
        match self {
            CardType::Groupon => "GROUPON",
            CardType::Cash => "CASH",
            CardType::Discount => "DISCOUNT",
            CardType::Gift => "GIFT",
            CardType::GeneralCoupon => "GENERAL_COUPON",
            CardType::MemberCard => "MEMBER_CARD",
            CardType::ScenicTicket => "SCENIC_TICKET",
            CardType::MovieTicket => "MOVIE_TICKET",
            CardType::BoardingPass => "BOARDING_PASS",
            CardType::MeetingTicket => "MEETING_TICKET",
            CardType::BusTicket => "BUS_TICKET",
            CardType::LuckyMoney => "LUCKY_MONEY",
            CardType::GeneralCard => "GENERAL_CARD",
        }
    }

    /// The key the type's fields nest under, e.g. `member_card`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn key(self) -> &'static str {
        match self {
            CardType::Groupon => "groupon",
            CardType::Cash => "cash",
            CardType::Discount => "discount",
            CardType::Gift => "gift",
            CardType::GeneralCoupon => "general_coupon",
            CardType::MemberCard => "member_card",
            CardType::ScenicTicket => "scenic_ticket",
            CardType::MovieTicket => "movie_ticket",
            CardType::BoardingPass => "boarding_pass",
            CardType::MeetingTicket => "meeting_ticket",
            CardType::BusTicket => "bus_ticket",
            CardType::LuckyMoney => "lucky_money",
            CardType::GeneralCard => "general_card",
        }
    }

    /// The type whose `card_type` value is exactly `value`.
    // Not inlined: inlined into a caller built for speed, the search is unrolled 13 times.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_name(value: &str) -> Option<CardType> {
        CardType::ALL.into_iter().find(|t| t.as_str() == value)
    }

    /// The type whose nesting key is exactly `key`.
    // Not inlined: inlined into a caller built for speed, the search is unrolled 13 times.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_key(key: &str) -> Option<CardType> {
        CardType::ALL.into_iter().find(|t| t.key() == key)
    }

    /// Reads a `card_type` value; anything else is [`Error::UnknownCardType`] naming `field`.
    // Not inlined: the card-body finder and the update adapter share one copy.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn parse(value: &str, field: &str) -> Result<CardType> {
        CardType::from_name(value).ok_or_else(|| Error::UnknownCardType {
            field: field.to_owned(),
            found: crate::json::truncate(value, 32),
        })
    }

    /// Whether this is one of the coupon types (优惠券) that WeChat stopped letting
    /// anyone create on 2021-04-01. Existing coupons of these types keep working,
    /// so updating them is fine.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn creation_discontinued(self) -> bool {
        matches!(
            self,
            CardType::Groupon
                | CardType::Cash
                | CardType::Discount
                | CardType::Gift
                | CardType::GeneralCoupon
        )
    }

    /// Why this type is doubtful even though it is known: `LUCKY_MONEY` is legacy and
    /// `GENERAL_CARD` is seen only in third-party code.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn doubt(self) -> Option<&'static str> {
        match self {
            CardType::LuckyMoney => Some("LUCKY_MONEY is a legacy card type"),
            CardType::GeneralCard => Some(
                "GENERAL_CARD is seen only in third-party SDKs, not in WeChat's create-card documentation",
            ),
            _ => None,
        }
    }
}

impl fmt::Display for CardType {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CardType {
    type Err = Error;

    /// Parses a `card_type` value such as `MEMBER_CARD`; errors name the field `card_type`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from_str(s: &str) -> Result<Self> {
        CardType::parse(s, "card_type")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys_round_trip() {
        for t in CardType::ALL {
            assert_eq!(CardType::from_name(t.as_str()), Some(t));
            assert_eq!(CardType::from_key(t.key()), Some(t));
            assert_eq!(t.key(), t.as_str().to_ascii_lowercase());
        }
    }

    #[test]
    fn unknown_and_lowercase_names_are_refused() {
        let e = CardType::parse("member_card", "card.card_type").unwrap_err();
        assert_eq!(e.code(), "UNKNOWN_CARD_TYPE");
        assert_eq!(e.field(), Some("card.card_type"));
        assert!(e.to_string().contains("MEMBER_CARD"), "{e}");
        assert!("VIP_CARD".parse::<CardType>().is_err());
    }

    #[test]
    fn only_the_five_coupons_are_discontinued() {
        let stopped: Vec<_> = CardType::ALL
            .into_iter()
            .filter(|t| t.creation_discontinued())
            .map(CardType::as_str)
            .collect();
        assert_eq!(
            stopped,
            ["GROUPON", "CASH", "DISCOUNT", "GIFT", "GENERAL_COUPON"]
        );
    }
}
