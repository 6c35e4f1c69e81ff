import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ maxLength: 100, example: 'li.teacher' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username!: string;
  @ApiProperty({ maxLength: 200, example: 'Qiu-shui-2026-lan' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
